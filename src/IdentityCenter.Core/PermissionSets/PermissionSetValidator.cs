using System.Text.RegularExpressions;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.PermissionSets;

/// <summary>
/// Field and quota rules for permission sets (reference 1.5 and 1.12). Every message quotes the limit
/// that was broken. Policy document contents are checked by the evaluator's validator, not here.
/// </summary>
public static partial class PermissionSetValidator
{
    public const int NameMaxLength = 32;
    public const int DescriptionMaxLength = 700;
    public const int RelayStateMaxLength = 240;
    public const int MaxAttachedPolicies = 20;
    public const int MaxTags = 75;
    public const int TagKeyMaxLength = 128;
    public const int TagValueMaxLength = 256;
    public const int CustomerPolicyNameMaxLength = 128;
    public const int CustomerPolicyPathMaxLength = 512;
    public const int ManagedPolicyArnMaxLength = 2048;

    [GeneratedRegex(@"^[\w+=,.@-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DescriptionPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9&$@#\\/%?=~\-_'""|!:,.;*+\[\] (){}]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RelayStatePattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy(/[\w+=,.@-]+)*/[\w+=,.@-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ManagedPolicyArnPattern();

    [GeneratedRegex(@"^(/[A-Za-z0-9.,+@=_-]+)*/$", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^ps-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex PermissionSetIdPattern();

    public static bool IsPermissionSetId(string? value) => value is not null && PermissionSetIdPattern().IsMatch(value);

    public static FieldError? ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
        {
            return new FieldError("Name", $"Permission set name must be 1-{NameMaxLength} characters long (it has {name?.Length ?? 0}).");
        }

        return NamePattern().IsMatch(name)
            ? null
            : new FieldError("Name", "Permission set name may contain only letters, digits and + = , . @ _ - (pattern [\\w+=,.@-]+).");
    }

    /// <summary>Checks the name is not already used by another permission set (names are unique, case-insensitively).</summary>
    public static FieldError? ValidateNameIsUnique(string name, string? ownId, IEnumerable<PermissionSet> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return existing.Any(p => p.Id != ownId && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            ? new FieldError("Name", $"PermissionSet with name {name} already exists; choose another name.")
            : null;
    }

    public static FieldError? ValidateDescription(string? description)
    {
        if (description is null)
        {
            return null;
        }

        if (description.Length > DescriptionMaxLength)
        {
            return new FieldError("Description", $"Description must be at most {DescriptionMaxLength} characters long (it has {description.Length}).");
        }

        return DescriptionPattern().IsMatch(description)
            ? null
            : new FieldError("Description", "Description may contain only printable Latin-1 characters, tabs and line breaks.");
    }

    public static FieldError? ValidateRelayState(string? relayState)
    {
        if (relayState is null)
        {
            return null;
        }

        if (relayState.Length is 0 or > RelayStateMaxLength)
        {
            return new FieldError("RelayState", $"Relay state must be 1-{RelayStateMaxLength} characters long (it has {relayState.Length}).");
        }

        return RelayStatePattern().IsMatch(relayState)
            ? null
            : new FieldError("RelayState", "Relay state must be a URL made of letters, digits and URL punctuation (no line breaks or non-ASCII characters).");
    }

    public static FieldError? ValidateSessionDuration(TimeSpan duration) =>
        duration < SessionDuration.Minimum || duration > SessionDuration.Maximum
            ? new FieldError("SessionDuration", $"Session duration {SessionDuration.Format(duration < TimeSpan.Zero ? TimeSpan.Zero : duration)} is out of range: it must be between PT1H (1 hour) and PT12H (12 hours).")
            : null;

    public static FieldError? ValidateManagedPolicyArn(string? arn, string field = "ManagedPolicyArn")
    {
        if (string.IsNullOrEmpty(arn) || arn.Length > ManagedPolicyArnMaxLength || !ManagedPolicyArnPattern().IsMatch(arn))
        {
            return new FieldError(field, $"'{arn}' is not an AWS managed policy ARN: use arn:aws:iam::aws:policy/<path/>Name, for example arn:aws:iam::aws:policy/ReadOnlyAccess.");
        }

        return null;
    }

    public static IReadOnlyList<FieldError> ValidateCustomerManagedPolicyReference(CustomerManagedPolicyReference? reference, string field = "CustomerManagedPolicyReference")
    {
        if (reference is null)
        {
            return [new FieldError(field, "A customer managed policy reference needs a name.")];
        }

        var errors = new List<FieldError>(2);
        if (string.IsNullOrEmpty(reference.Name) || reference.Name.Length > CustomerPolicyNameMaxLength)
        {
            errors.Add(new FieldError(field + ".Name", $"Customer managed policy name must be 1-{CustomerPolicyNameMaxLength} characters long (it has {reference.Name?.Length ?? 0})."));
        }
        else if (!NamePattern().IsMatch(reference.Name))
        {
            errors.Add(new FieldError(field + ".Name", "Customer managed policy name may contain only letters, digits and + = , . @ _ - (pattern [\\w+=,.@-]+)."));
        }

        if (string.IsNullOrEmpty(reference.Path) || reference.Path.Length > CustomerPolicyPathMaxLength)
        {
            errors.Add(new FieldError(field + ".Path", $"Customer managed policy path must be 1-{CustomerPolicyPathMaxLength} characters long (default \"/\")."));
        }
        else if (!PathPattern().IsMatch(reference.Path))
        {
            errors.Add(new FieldError(field + ".Path", $"Path '{reference.Path}' must start and end with '/', like / or /division/team/, using letters, digits and . , + @ = _ -."));
        }

        return errors;
    }

    /// <summary>Size rules of the inline policy (<see cref="PolicySizeQuota"/>): 32,768 characters in all, 10,240 without whitespace between JSON elements.</summary>
    public static FieldError? ValidateInlinePolicySize(string? inlinePolicy)
    {
        if (inlinePolicy is null)
        {
            return null;
        }

        if (inlinePolicy.Length == 0)
        {
            return new FieldError("InlinePolicy", "The inline policy is empty; remove it or enter a policy document.");
        }

        return PolicySizeQuota.Measure(inlinePolicy, PolicyKind.Inline).Problem is { } problem ? new FieldError("InlinePolicy", problem) : null;
    }

    public static IReadOnlyList<FieldError> ValidateTags(IReadOnlyList<PermissionSetTag>? tags)
    {
        var errors = new List<FieldError>();
        if (tags is null)
        {
            return errors;
        }

        if (tags.Count > MaxTags)
        {
            errors.Add(new FieldError("Tags", $"A permission set can have at most {MaxTags} tags (it has {tags.Count})."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tags.Count; i++)
        {
            var (key, value) = (tags[i].Key, tags[i].Value);
            var field = $"Tags[{i}]";
            if (string.IsNullOrEmpty(key) || key.Length > TagKeyMaxLength)
            {
                errors.Add(new FieldError(field + ".Key", $"Tag key must be 1-{TagKeyMaxLength} characters long (it has {key?.Length ?? 0})."));
            }
            else if (!TagPattern().IsMatch(key))
            {
                errors.Add(new FieldError(field + ".Key", $"Tag key '{key}' may contain only letters, digits, spaces and _ . : / = + - @."));
            }
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(field + ".Key", $"Tag key '{key}' uses the reserved prefix 'aws:'."));
            }
            else if (!seen.Add(key))
            {
                errors.Add(new FieldError(field + ".Key", $"Tag key '{key}' appears more than once; each key may be used once."));
            }

            if (value is null || value.Length > TagValueMaxLength)
            {
                errors.Add(new FieldError(field + ".Value", $"Tag value must be 0-{TagValueMaxLength} characters long (it has {value?.Length ?? 0})."));
            }
            else if (!TagPattern().IsMatch(value))
            {
                errors.Add(new FieldError(field + ".Value", "Tag value may contain only letters, digits, spaces and _ . : / = + - @."));
            }
        }

        return errors;
    }

    /// <summary>
    /// AWS managed policy ARNs (attached or as boundary) that IdentityCenter does not ship: they are valid
    /// ARNs but would grant nothing here, so saving them is refused, naming the closest shipped policies.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateManagedPoliciesAreShipped(PermissionSet permissionSet, Catalog.ManagedPolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        ArgumentNullException.ThrowIfNull(catalog);
        var errors = new List<FieldError>();
        for (var i = 0; i < permissionSet.ManagedPolicyArns.Count; i++)
        {
            var arn = permissionSet.ManagedPolicyArns[i];
            if (catalog.FindByArn(arn) is null)
            {
                errors.Add(new FieldError($"ManagedPolicyArns[{i}]", NotShipped(arn, catalog)));
            }
        }

        if (permissionSet.PermissionsBoundary?.ManagedPolicyArn is { } boundary && catalog.FindByArn(boundary) is null)
        {
            errors.Add(new FieldError("PermissionsBoundary.ManagedPolicyArn", NotShipped(boundary, catalog)));
        }

        return errors;
    }

    private static string NotShipped(string arn, Catalog.ManagedPolicyCatalog catalog)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        // The longest start of the name that some shipped policy also starts with (typos near the end).
        IReadOnlyList<Catalog.ManagedPolicy> similar = [];
        for (var length = name.Length; length >= 4 && similar.Count == 0; length--)
        {
            similar = catalog.Search(name[..length], max: 3);
        }

        var hint = similar.Count > 0
            ? "did you mean " + string.Join(", ", similar.Select(p => p.Arn)) + "?"
            : "search the AWS managed policies by name and pick one (for example arn:aws:iam::aws:policy/ReadOnlyAccess).";
        return $"{arn} is not an AWS managed policy IdentityCenter ships; {hint}";
    }

    /// <summary>Every rule on the whole permission set, all problems at once (uniqueness is separate).</summary>
    public static IReadOnlyList<FieldError> Validate(PermissionSet permissionSet)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        var errors = new List<FieldError>();
        void Add(FieldError? e)
        {
            if (e is not null)
            {
                errors.Add(e);
            }
        }

        if (!IsPermissionSetId(permissionSet.Id))
        {
            errors.Add(new FieldError("Id", $"'{permissionSet.Id}' is not a permission set id (ps- followed by 16 lowercase hex characters)."));
        }

        Add(ValidateName(permissionSet.Name));
        Add(ValidateDescription(permissionSet.Description));
        Add(ValidateSessionDuration(permissionSet.SessionDuration));
        Add(ValidateRelayState(permissionSet.RelayState));

        var managed = permissionSet.ManagedPolicyArns;
        var customer = permissionSet.CustomerManagedPolicyReferences;
        for (var i = 0; i < managed.Count; i++)
        {
            Add(ValidateManagedPolicyArn(managed[i], $"ManagedPolicyArns[{i}]"));
        }

        foreach (var duplicate in managed.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError("ManagedPolicyArns", $"{duplicate.Key} is attached more than once."));
        }

        for (var i = 0; i < customer.Count; i++)
        {
            errors.AddRange(ValidateCustomerManagedPolicyReference(customer[i], $"CustomerManagedPolicyReferences[{i}]"));
        }

        foreach (var duplicate in customer.GroupBy(r => r.Path + r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError("CustomerManagedPolicyReferences", $"{duplicate.Key} is referenced more than once."));
        }

        if (managed.Count + customer.Count > MaxAttachedPolicies)
        {
            errors.Add(new FieldError("ManagedPolicyArns",
                $"A permission set can have at most {MaxAttachedPolicies} AWS managed and customer managed policies together (it has {managed.Count} + {customer.Count} = {managed.Count + customer.Count})."));
        }

        Add(ValidateInlinePolicySize(permissionSet.InlinePolicy));

        if (permissionSet.PermissionsBoundary is { } boundary)
        {
            if (boundary.ManagedPolicyArn is not null)
            {
                Add(ValidateManagedPolicyArn(boundary.ManagedPolicyArn, "PermissionsBoundary.ManagedPolicyArn"));
            }
            else
            {
                errors.AddRange(ValidateCustomerManagedPolicyReference(boundary.CustomerManagedPolicyReference, "PermissionsBoundary.CustomerManagedPolicyReference"));
            }
        }

        errors.AddRange(ValidateTags(permissionSet.Tags));
        return errors;
    }
}
