namespace IdentityCenter.Core.Policies.Evaluation.Conditions;

/// <summary>An IPv4 or IPv6 address as a 128-bit number (IPv4 in the low 32 bits).</summary>
public readonly record struct IpValue(bool IsV6, UInt128 Bits);

/// <summary>A CIDR block. An IPv4 block never contains an IPv6 address (and vice versa).</summary>
public readonly record struct IpBlock(IpValue Network, int PrefixLength)
{
    public bool Contains(IpValue address)
    {
        if (address.IsV6 != Network.IsV6)
        {
            return false;
        }

        var width = Network.IsV6 ? 128 : 32;
        if (PrefixLength == 0)
        {
            return true;
        }

        var shift = width - PrefixLength;
        return (address.Bits >> shift) == (Network.Bits >> shift);
    }
}
