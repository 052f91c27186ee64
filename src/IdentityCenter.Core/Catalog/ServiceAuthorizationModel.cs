namespace IdentityCenter.Core.Catalog;

/// <summary>Access levels of the Service Authorization Reference (a few actions carry two).</summary>
[Flags]
public enum ActionAccessLevel
{
    None = 0,
    List = 1,
    Read = 2,
    Write = 4,
    PermissionsManagement = 8,
    Tagging = 16,
}

/// <summary>One action of a service, with AWS's spelling of its name.</summary>
public sealed record ServiceAction(string ServicePrefix, string Name, ActionAccessLevel AccessLevel)
{
    /// <summary><c>prefix:Name</c>, as written in policies.</summary>
    public string FullName => ServicePrefix + ":" + Name;
}

/// <summary>
/// A condition key with its type (String, ARN, Bool, Date, IPAddress, Numeric, ArrayOf…). Templated
/// keys such as <c>aws:PrincipalTag/${TagKey}</c> match any key with that prefix (and suffix).
/// </summary>
public sealed record ConditionKeyInfo(string Key, string Type)
{
    private readonly (string Prefix, string Suffix)? _template = ParseTemplate(Key);

    public bool IsTemplate => _template is not null;

    /// <summary>Whether <paramref name="key"/> is this key, or fills in this template (case-insensitive).</summary>
    public bool Matches(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_template is not { } t)
        {
            return string.Equals(key, Key, StringComparison.OrdinalIgnoreCase);
        }

        return key.Length > t.Prefix.Length + t.Suffix.Length
            && key.StartsWith(t.Prefix, StringComparison.OrdinalIgnoreCase)
            && key.EndsWith(t.Suffix, StringComparison.OrdinalIgnoreCase);
    }

    internal string? TemplatePrefix => _template?.Prefix;

    private static (string Prefix, string Suffix)? ParseTemplate(string key)
    {
        var start = key.IndexOf("${", StringComparison.Ordinal);
        var end = start < 0 ? -1 : key.IndexOf('}', start);
        if (start < 0)
        {
            start = key.IndexOf('<', StringComparison.Ordinal);
            end = start < 0 ? -1 : key.IndexOf('>', start);
        }

        return start >= 0 && end > start ? (key[..start], key[(end + 1)..]) : null;
    }
}

/// <summary>A resource type of a service and its ARN format (<c>arn:${Partition}:s3:::${BucketName}</c>).</summary>
public sealed record ResourceTypeInfo(string Name, string ArnFormat);

/// <summary>One AWS service: its prefix (<c>s3</c>), name, actions, condition keys and resource types.</summary>
public sealed record ServiceInfo(
    string Prefix,
    string Name,
    IReadOnlyList<ServiceAction> Actions,
    IReadOnlyList<ConditionKeyInfo> ConditionKeys,
    IReadOnlyList<ResourceTypeInfo> ResourceTypes);
