namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>A request context value: one string, or a set of strings for multivalued keys such as aws:TagKeys.</summary>
public readonly struct ContextValue
{
    private readonly string? single;
    private readonly string[]? many;

    public ContextValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        single = value;
        many = null;
    }

    public ContextValue(string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        single = null;
        many = values;
    }

    /// <summary>Number of values; 0 for an empty set.</summary>
    public int Count => many?.Length ?? (single is null ? 0 : 1);

    /// <summary>True when the value was given as an array (even of one element).</summary>
    public bool IsMultivalued => many is not null;

    public string this[int index] => many is not null ? many[index] : index == 0 && single is not null ? single : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The single value, or the first of a set; null for an empty set.</summary>
    public string? First => many is not null ? (many.Length > 0 ? many[0] : null) : single;

    public override string ToString() => many is not null ? "[" + string.Join(", ", many) + "]" : single ?? string.Empty;
}
