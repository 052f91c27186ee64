using System.Text.RegularExpressions;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Assignments;

/// <summary>
/// ABAC as AWS IAM Identity Center does it: up to 50 instance-level attributes, each mapping a user
/// attribute path to a session tag. Attributes without a value are left out of the session.
/// </summary>
public static partial class AccessControlAttributeMapper
{
    public const int MaxAttributes = 50;
    public const int KeyMaxLength = 128;
    public const int ValueMaxLength = 256;

    /// <summary>The user attribute paths AWS lists for the Identity Center directory as ABAC sources.</summary>
    public static IReadOnlyList<string> SupportedPaths { get; } =
    [
        "userName", "displayName", "nickName", "name.givenName", "name.familyName", "title", "userType",
        "locale", "timezone", "emails[primary eq true].value", "phoneNumbers[primary eq true].value",
        "addresses[primary eq true].streetAddress", "addresses[primary eq true].locality",
        "addresses[primary eq true].region", "addresses[primary eq true].postalCode",
        "addresses[primary eq true].country", "addresses[primary eq true].formatted",
        "enterprise.employeeNumber", "enterprise.costCenter", "enterprise.organization",
        "enterprise.division", "enterprise.department", "enterprise.manager.value",
    ];

    private static readonly HashSet<string> SupportedPathSet = new(SupportedPaths, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"^\$\{path:(?<path>[^}]+)\}$", RegexOptions.CultureInvariant)]
    private static partial Regex SourcePattern();

    /// <summary>Extracts <c>enterprise.department</c> from <c>${path:enterprise.department}</c>.</summary>
    public static bool TryGetPath(string? source, out string path)
    {
        var match = source is null ? null : SourcePattern().Match(source.Trim());
        path = match is { Success: true } ? match.Groups["path"].Value.Trim() : string.Empty;
        return path.Length > 0;
    }

    /// <summary>Every problem with a configuration, messages quoting the limits.</summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<AccessControlAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var errors = new List<FieldError>();
        if (attributes.Count > MaxAttributes)
        {
            errors.Add(new FieldError("AccessControlAttributes", $"At most {MaxAttributes} access control attributes are allowed (there are {attributes.Count})."));
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < attributes.Count; i++)
        {
            var (key, source) = (attributes[i].Key, attributes[i].Source);
            var field = $"AccessControlAttributes[{i}]";
            if (string.IsNullOrEmpty(key) || key.Length > KeyMaxLength)
            {
                errors.Add(new FieldError(field + ".Key", $"Attribute key must be 1-{KeyMaxLength} characters long (it has {key?.Length ?? 0})."));
            }
            else if (!KeyPattern().IsMatch(key))
            {
                errors.Add(new FieldError(field + ".Key", $"Attribute key '{key}' may contain only letters, digits, spaces and _ . : / = + - @."));
            }
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(field + ".Key", $"Attribute key '{key}' uses the reserved prefix 'aws:'."));
            }
            else if (!seen.Add(key))
            {
                errors.Add(new FieldError(field + ".Key", $"Attribute key '{key}' is used more than once (keys are case-insensitive)."));
            }

            if (!TryGetPath(source, out var path))
            {
                errors.Add(new FieldError(field + ".Source", $"Source '{source}' must look like ${{path:enterprise.department}} or ${{path:userName}}."));
            }
            else if (!SupportedPathSet.Contains(path))
            {
                errors.Add(new FieldError(field + ".Source", $"'{path}' is not a user attribute; use one of: {string.Join(", ", SupportedPaths)}."));
            }
        }

        return errors;
    }

    /// <summary>
    /// Resolves each attribute against the user. Empty or missing values are left out (as AWS does);
    /// values longer than 256 characters or with characters session tags do not allow are skipped and reported.
    /// </summary>
    public static PrincipalTagMapping Map(IReadOnlyList<AccessControlAttribute> attributes, IUserAttributeSource user)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(user);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var skipped = new List<SkippedPrincipalTag>();
        foreach (var attribute in attributes)
        {
            if (!TryGetPath(attribute.Source, out var path))
            {
                skipped.Add(new SkippedPrincipalTag(attribute.Key, $"Source '{attribute.Source}' is not a ${{path:...}} expression."));
                continue;
            }

            var value = user.GetAttribute(path);
            if (string.IsNullOrEmpty(value))
            {
                skipped.Add(new SkippedPrincipalTag(attribute.Key, $"The user has no value for {path}."));
            }
            else if (value.Length > ValueMaxLength)
            {
                skipped.Add(new SkippedPrincipalTag(attribute.Key, $"The value of {path} has {value.Length} characters; session tag values are limited to {ValueMaxLength}."));
            }
            else if (!ValuePattern().IsMatch(value))
            {
                skipped.Add(new SkippedPrincipalTag(attribute.Key, $"The value of {path} contains characters session tags do not allow (letters, digits, spaces and _ . : / = + - @ only)."));
            }
            else if (!tags.TryAdd(attribute.Key, value))
            {
                skipped.Add(new SkippedPrincipalTag(attribute.Key, "The key is mapped more than once; the first mapping wins."));
            }
        }

        return new PrincipalTagMapping(tags, skipped);
    }
}
