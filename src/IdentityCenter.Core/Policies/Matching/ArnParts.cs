namespace IdentityCenter.Core.Policies.Matching;

/// <summary>Positions of the five separating colons of an ARN.</summary>
public readonly record struct ArnParts(int C1, int C2, int C3, int C4, int C5)
{
    /// <summary>Component 0 = "arn", 1 = partition, 2 = service, 3 = region, 4 = account, 5 = resource.</summary>
    public ReadOnlySpan<char> Component(ReadOnlySpan<char> arn, int index) => index switch
    {
        0 => arn[..C1],
        1 => arn[(C1 + 1)..C2],
        2 => arn[(C2 + 1)..C3],
        3 => arn[(C3 + 1)..C4],
        4 => arn[(C4 + 1)..C5],
        5 => arn[(C5 + 1)..],
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
