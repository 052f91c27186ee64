using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Components.Pages.Admin.PermissionSets;

/// <summary>Where a permission set's permissions boundary comes from, as the form's radio group offers it.</summary>
public enum BoundaryKind
{
    None,
    Managed,
    Customer,
}

/// <summary>One tag row of the form (key and value as typed).</summary>
public sealed class TagRow
{
    public string? Key { get; set; }

    public string? Value { get; set; }
}

/// <summary>
/// The permission set editor's values as typed, shared by the page and its sections (<see cref="PermissionSetDetailsFields"/>,
/// <see cref="PermissionSetPolicyAttachments"/>, <see cref="PermissionsBoundaryEditor"/>, <see cref="PermissionSetTagsEditor"/>):
/// filled from a saved permission set, checked with <see cref="PermissionSetValidator"/> (the rules the service applies), and
/// turned into the service's <see cref="PermissionSetInput"/> or <see cref="PermissionSetChanges"/>. It holds no rule of its own.
/// </summary>
public sealed class PermissionSetForm
{
    /// <summary>The session duration presets the form offers.</summary>
    public static readonly IReadOnlyList<string> DurationPresets = ["PT1H", "PT2H", "PT4H", "PT8H", "PT12H"];

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? SessionDuration { get; set; } = IdentityCenter.Core.PermissionSets.SessionDuration.DefaultText;

    public string? RelayState { get; set; }

    public IReadOnlyList<string> ManagedPolicyArns { get; set; } = [];

    public IList<CustomerManagedPolicyReference> CustomerManagedPolicyReferences { get; } = [];

    public string? InlinePolicy { get; set; }

    public BoundaryKind BoundaryKind { get; set; }

    public string? BoundaryManagedPolicyArn { get; set; }

    public string? BoundaryName { get; set; }

    public string? BoundaryPath { get; set; } = "/";

    public IList<TagRow> Tags { get; } = [];

    /// <summary>How many AWS managed and customer managed policies are attached together (AWS limits the sum).</summary>
    public int AttachedPolicyCount => ManagedPolicyArns.Count + CustomerManagedPolicyReferences.Count;

    /// <summary>A form holding <paramref name="permissionSet"/>'s saved values.</summary>
    public static PermissionSetForm From(PermissionSet permissionSet)
    {
        ArgumentNullException.ThrowIfNull(permissionSet);
        var boundary = permissionSet.PermissionsBoundary;
        var form = new PermissionSetForm
        {
            Name = permissionSet.Name,
            Description = permissionSet.Description,
            SessionDuration = IdentityCenter.Core.PermissionSets.SessionDuration.Format(permissionSet.SessionDuration),
            RelayState = permissionSet.RelayState,
            ManagedPolicyArns = permissionSet.ManagedPolicyArns.ToList(),
            InlinePolicy = permissionSet.InlinePolicy,
            BoundaryKind = boundary switch
            {
                { ManagedPolicyArn: not null } => BoundaryKind.Managed,
                { CustomerManagedPolicyReference: not null } => BoundaryKind.Customer,
                _ => BoundaryKind.None,
            },
            BoundaryManagedPolicyArn = boundary?.ManagedPolicyArn,
            BoundaryName = boundary?.CustomerManagedPolicyReference?.Name,
            BoundaryPath = boundary?.CustomerManagedPolicyReference?.Path ?? "/",
        };
        foreach (var reference in permissionSet.CustomerManagedPolicyReferences)
        {
            form.CustomerManagedPolicyReferences.Add(reference);
        }

        foreach (var tag in permissionSet.Tags)
        {
            form.Tags.Add(new TagRow { Key = tag.Key, Value = tag.Value });
        }

        return form;
    }

    /// <summary>
    /// Adds a customer managed policy reference when it is valid and not referenced yet; otherwise the errors
    /// (fields <c>CustomerManagedPolicyReference.Name</c> and <c>.Path</c>) and nothing is added.
    /// </summary>
    public IReadOnlyList<FieldError> AddCustomerReference(string? name, string? path)
    {
        var reference = new CustomerManagedPolicyReference(name?.Trim() ?? "", OrRoot(path));
        var errors = PermissionSetValidator.ValidateCustomerManagedPolicyReference(reference).ToList();
        if (CustomerManagedPolicyReferences.Contains(reference))
        {
            errors.Add(new FieldError("CustomerManagedPolicyReference.Name", $"{reference} is already referenced."));
        }

        if (errors.Count == 0)
        {
            CustomerManagedPolicyReferences.Add(reference);
        }

        return errors;
    }

    /// <summary>The boundary chosen, or null for none (or when the chosen kind has no policy yet).</summary>
    public PermissionsBoundary? Boundary() => BoundaryKind switch
    {
        BoundaryKind.Managed when !string.IsNullOrEmpty(BoundaryManagedPolicyArn) => PermissionsBoundary.FromManagedPolicy(BoundaryManagedPolicyArn),
        BoundaryKind.Customer when !string.IsNullOrWhiteSpace(BoundaryName) => PermissionsBoundary.FromCustomerManagedPolicy(
            new CustomerManagedPolicyReference(BoundaryName.Trim(), OrRoot(BoundaryPath))),
        _ => null,
    };

    /// <summary>The tags as the service takes them (trimmed).</summary>
    public IReadOnlyList<PermissionSetTag> TagList() => Tags.Select(t => new PermissionSetTag(t.Key?.Trim() ?? "", t.Value?.Trim() ?? "")).ToList();

    /// <summary>
    /// The checks the service makes, done first so their messages (quoting the limits) appear without a round trip.
    /// The name is checked only for a new permission set (it cannot change).
    /// </summary>
    public IReadOnlyList<FieldError> Validate(bool isNew)
    {
        var errors = new List<FieldError>();
        if (isNew && PermissionSetValidator.ValidateName(Name?.Trim()) is { } name)
        {
            errors.Add(name);
        }

        if (PermissionSetValidator.ValidateDescription(Blank(Description)) is { } description)
        {
            errors.Add(description);
        }

        if (!IdentityCenter.Core.PermissionSets.SessionDuration.TryParseOrDefault(SessionDuration, out _, out var durationError) && durationError is not null)
        {
            errors.Add(durationError);
        }

        if (PermissionSetValidator.ValidateRelayState(Blank(RelayState)) is { } relay)
        {
            errors.Add(relay);
        }

        if (AttachedPolicyCount > PermissionSetValidator.MaxAttachedPolicies)
        {
            errors.Add(new FieldError("ManagedPolicyArns", $"At most {PermissionSetValidator.MaxAttachedPolicies} AWS managed and customer managed policies can be attached together (there are {AttachedPolicyCount})."));
        }

        // Parsed here rather than trusting the editor's debounced flag: a save right after typing sees the current text.
        if (!string.IsNullOrWhiteSpace(InlinePolicy) && PolicyParser.Parse(InlinePolicy, PolicyKind.Inline).HasErrors)
        {
            errors.Add(new FieldError("InlinePolicy", "The inline policy has errors (listed under the editor with line and column). Fix them, or empty the editor to have no inline policy."));
        }
        else if (PermissionSetValidator.ValidateInlinePolicySize(Blank(InlinePolicy)) is { } size)
        {
            errors.Add(size);
        }

        if (BoundaryKind != BoundaryKind.None && Boundary() is null)
        {
            errors.Add(new FieldError("PermissionsBoundary", "Choose the boundary policy, or select \"No boundary\"."));
        }
        else if (BoundaryKind == BoundaryKind.Customer && Boundary() is { CustomerManagedPolicyReference: { } reference })
        {
            errors.AddRange(PermissionSetValidator.ValidateCustomerManagedPolicyReference(reference).Select(e => new FieldError("PermissionsBoundary", e.Message)));
        }

        errors.AddRange(PermissionSetValidator.ValidateTags(TagList()));
        return errors;
    }

    /// <summary>A new permission set with the form's values.</summary>
    public PermissionSetInput ToInput() => new(
        Name?.Trim() ?? "",
        Blank(Description),
        Blank(SessionDuration)?.ToUpperInvariant(),
        Blank(RelayState),
        ManagedPolicyArns.ToList(),
        CustomerManagedPolicyReferences.ToList(),
        Blank(InlinePolicy),
        Boundary(),
        TagList());

    /// <summary>The whole form as the permission set should be after saving (the service saves it in one transaction).</summary>
    public PermissionSetChanges ToChanges() => new(
        Blank(Description),
        Blank(SessionDuration),
        Blank(RelayState),
        ManagedPolicyArns.ToList(),
        CustomerManagedPolicyReferences.ToList(),
        Blank(InlinePolicy),
        Boundary(),
        TagList());

    /// <summary>True for the errors a section of the form shows next to its fields (the others show above the buttons).</summary>
    public static bool IsFormField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field is "Name" or "Description" or "SessionDuration" or "RelayState" or "ManagedPolicyArns" or "PermissionsBoundary"
            || field.StartsWith("Tags", StringComparison.Ordinal)
            || field.StartsWith("CustomerManagedPolicyReference", StringComparison.Ordinal)
            || field.StartsWith("InlinePolicy", StringComparison.Ordinal);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string OrRoot(string? path) => string.IsNullOrWhiteSpace(path) ? "/" : path.Trim();
}
