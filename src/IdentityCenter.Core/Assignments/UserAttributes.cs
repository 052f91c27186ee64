namespace IdentityCenter.Core.Assignments;

/// <summary>Where a mapped attribute's value comes from: the directory user, by attribute path.</summary>
public interface IUserAttributeSource
{
    /// <summary>The value at <paramref name="path"/> (for example <c>enterprise.department</c>), or null when unset.</summary>
    string? GetAttribute(string path);
}

/// <summary>A dictionary-backed <see cref="IUserAttributeSource"/> (paths compared case-insensitively).</summary>
public sealed class UserAttributes(IReadOnlyDictionary<string, string?> values) : IUserAttributeSource
{
    private readonly Dictionary<string, string?> _values = new(values, StringComparer.OrdinalIgnoreCase);

    public string? GetAttribute(string path) => _values.GetValueOrDefault(path);
}
