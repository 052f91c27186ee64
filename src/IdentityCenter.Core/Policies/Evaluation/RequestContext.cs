using System.Collections;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// Condition-key values of one request. Keys are case-insensitive, as in AWS. Build one per request;
/// lookups do not allocate.
/// </summary>
public sealed class RequestContext : IEnumerable<KeyValuePair<string, ContextValue>>
{
    private readonly Dictionary<string, ContextValue> values;

    public RequestContext()
    {
        values = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase);
    }

    public RequestContext(int capacity)
    {
        values = new Dictionary<string, ContextValue>(capacity, StringComparer.OrdinalIgnoreCase);
    }

    public static RequestContext Empty { get; } = new(0);

    public int Count => values.Count;

    /// <summary>Sets a single-valued key (replacing any earlier value).</summary>
    public RequestContext Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        values[key] = new ContextValue(value);
        return this;
    }

    /// <summary>Sets a multivalued key (replacing any earlier value). An empty array is an empty set.</summary>
    public RequestContext Set(string key, params string[] setValues)
    {
        ArgumentNullException.ThrowIfNull(key);
        values[key] = new ContextValue(setValues);
        return this;
    }

    /// <summary>Sets a value as it is (single or multivalued), replacing any earlier value.</summary>
    public RequestContext Set(string key, ContextValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        values[key] = value;
        return this;
    }

    /// <summary>A time as AWS writes date keys such as <c>aws:CurrentTime</c>: ISO 8601 in UTC, to the second.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds all entries (the "Add" name lets callers use collection initialisers).</summary>
    public void Add(string key, string value) => Set(key, value);

    public bool TryGetValue(string key, out ContextValue value) => values.TryGetValue(key, out value);

    /// <summary>Single-valued lookup: the value, or the first of a set; null when absent or empty.</summary>
    public string? GetString(string key) => values.TryGetValue(key, out var value) ? value.First : null;

    public IEnumerator<KeyValuePair<string, ContextValue>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
