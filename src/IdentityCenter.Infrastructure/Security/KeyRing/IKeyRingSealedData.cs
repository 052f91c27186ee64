using System.Buffers.Binary;
using IdentityCenter.Infrastructure.Data;

namespace IdentityCenter.Infrastructure.Security.KeyRing;

/// <summary>
/// Data in the database sealed with the Data Protection key ring. When keys that cannot be opened are
/// discarded (<see cref="KeyRingGuard"/>, the <c>--reset-key-ring</c> start), what they sealed can never
/// be opened again: each feature removes its part in the same transaction, so the next start finds no
/// row it cannot read. Registered with <c>TryAddEnumerable</c> by the feature that owns the data.
/// </summary>
public interface IKeyRingSealedData
{
    /// <summary>What is lost, for the operator: "authenticator app enrolments".</summary>
    string Description { get; }

    /// <summary>Removes (or ends) what was sealed with one of <paramref name="discardedKeyIds"/> inside the caller's unit of work; returns how many.</summary>
    Task<int> DiscardAsync(IdentityCenterDbContext db, IReadOnlySet<Guid> discardedKeyIds, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Reads which Data Protection key sealed a payload, without the key: every payload starts with the
/// 32-bit magic header 0x09F0C9F0 (big-endian) and the 128-bit key id (ASP.NET Core's documented
/// authenticated-encryption payload format).
/// </summary>
public static class DataProtectionPayload
{
    private const uint MagicHeader = 0x09F0C9F0;
    private const int HeaderSize = 4 + 16;

    public static Guid? KeyId(ReadOnlySpan<byte> payload) =>
        payload.Length >= HeaderSize && BinaryPrimitives.ReadUInt32BigEndian(payload) == MagicHeader
            ? new Guid(payload.Slice(4, 16))
            : null;

    /// <summary>The key id of a payload stored as base64 (<c>Convert.ToBase64String</c>) or base64url (<c>IDataProtector.Protect(string)</c>).</summary>
    public static Guid? KeyId(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        var base64 = stored.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var buffer = new byte[base64.Length * 3 / 4];
        return Convert.TryFromBase64String(base64, buffer, out var written) ? KeyId(buffer.AsSpan(0, written)) : null;
    }

    /// <summary>True when the payload was sealed with one of <paramref name="keyIds"/>, or is not a Data Protection payload at all (it cannot be opened either).</summary>
    public static bool SealedWithAny(string? stored, IReadOnlySet<Guid> keyIds) =>
        KeyId(stored) is not { } id || keyIds.Contains(id);
}
