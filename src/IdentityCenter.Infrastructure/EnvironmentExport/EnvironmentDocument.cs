using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityCenter.Infrastructure.EnvironmentExport;

/// <summary>
/// The environment as one JSON document (<see cref="EnvironmentDocument.CurrentSchemaVersion"/>): everything refers to
/// everything else by name (accounts, OUs, policies, permission sets, users, groups), never by an instance's ids, so
/// a document exported from one instance imports into another. It never holds a secret: no password or password hash,
/// no authenticator (MFA) secret, no access key, no session or token; imported users get a one-time password.
/// Policy documents are embedded as JSON objects (a JSON string holding the policy is accepted on import too).
/// </summary>
public sealed record EnvironmentDocument
{
    /// <summary>The value of <see cref="Schema"/>.</summary>
    public const string SchemaName = "identitycenter-environment";

    /// <summary>The version this build writes and reads; a document of another version is refused.</summary>
    public const int CurrentSchemaVersion = 1;

    public string Schema { get; init; } = SchemaName;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>When and from which instance (its SSO instance ARN) the document was exported; informational.</summary>
    public DateTimeOffset? ExportedAt { get; init; }

    public string? ExportedFrom { get; init; }

    /// <summary>The organization tree; null when the instance has none.</summary>
    public EnvironmentOrganization? Organization { get; init; }

    /// <summary>Customer managed SCPs and RCPs (AWS managed ones such as FullAWSAccess exist everywhere and are only referenced by name).</summary>
    public IReadOnlyList<EnvironmentOrganizationPolicy> OrganizationPolicies { get; init; } = [];

    /// <summary>Customer managed IAM policies (their default version), per account.</summary>
    public IReadOnlyList<EnvironmentCustomerManagedPolicy> CustomerManagedPolicies { get; init; } = [];

    /// <summary>ABAC: the instance's access control attributes (key and <c>${path:…}</c> source).</summary>
    public IReadOnlyList<EnvironmentAbacMapping> AccessControlAttributes { get; init; } = [];

    public IReadOnlyList<EnvironmentPermissionSet> PermissionSets { get; init; } = [];

    /// <summary>Users without any secret; the built-in administrators' rights are not part of an environment.</summary>
    public IReadOnlyList<EnvironmentUser> Users { get; init; } = [];

    /// <summary>Groups (not the built-in administrators group) with their members by user name.</summary>
    public IReadOnlyList<EnvironmentGroup> Groups { get; init; } = [];

    public IReadOnlyList<EnvironmentAssignment> Assignments { get; init; } = [];

    /// <summary>Workshop event templates: an event's settings without dates or attendees, referring to groups, permission sets, accounts and OUs by name.</summary>
    public IReadOnlyList<EnvironmentEventTemplate> EventTemplates { get; init; } = [];
}

/// <summary>The root of the tree: its policies, the management account, and the OUs and accounts directly under it.</summary>
public sealed record EnvironmentOrganization
{
    public required EnvironmentAccount ManagementAccount { get; init; }

    /// <summary>Names of the SCPs and RCPs attached to the root (including AWS managed ones such as FullAWSAccess).</summary>
    public IReadOnlyList<string> Policies { get; init; } = [];

    public IReadOnlyList<EnvironmentOrganizationalUnit> OrganizationalUnits { get; init; } = [];

    /// <summary>Member accounts directly under the root.</summary>
    public IReadOnlyList<EnvironmentAccount> Accounts { get; init; } = [];
}

public sealed record EnvironmentOrganizationalUnit
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Policies { get; init; } = [];

    public IReadOnlyList<EnvironmentOrganizationalUnit> OrganizationalUnits { get; init; } = [];

    public IReadOnlyList<EnvironmentAccount> Accounts { get; init; } = [];
}

/// <summary>An account by name. <see cref="Id"/> (12 digits) is kept on import when it is free there; without it one is generated.</summary>
public sealed record EnvironmentAccount
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    public string? Id { get; init; }

    /// <summary>ACTIVE or SUSPENDED; empty means ACTIVE.</summary>
    public string? Status { get; init; }

    public IReadOnlyList<string> Policies { get; init; } = [];
}

/// <summary>An SCP or RCP; <see cref="Type"/> is SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.</summary>
public sealed record EnvironmentOrganizationPolicy
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public string? Description { get; init; }

    public required JsonElement Document { get; init; }
}

public sealed record EnvironmentCustomerManagedPolicy
{
    /// <summary>The account's name.</summary>
    public required string Account { get; init; }

    public required string Name { get; init; }

    public string? Path { get; init; }

    public string? Description { get; init; }

    public required JsonElement Document { get; init; }
}

public sealed record EnvironmentAbacMapping(string Key, string Source);

public sealed record EnvironmentPolicyReference(string Name, string? Path = null);

/// <summary>Exactly one of the two.</summary>
public sealed record EnvironmentPermissionsBoundary(string? ManagedPolicyArn = null, EnvironmentPolicyReference? CustomerManagedPolicy = null);

public sealed record EnvironmentTag(string Key, string Value);

public sealed record EnvironmentPermissionSet
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>ISO 8601 (PT1H to PT12H).</summary>
    public string? SessionDuration { get; init; }

    public string? RelayState { get; init; }

    public IReadOnlyList<string> ManagedPolicies { get; init; } = [];

    public IReadOnlyList<EnvironmentPolicyReference> CustomerManagedPolicies { get; init; } = [];

    /// <summary>The inline policy, or null.</summary>
    public JsonElement? InlinePolicy { get; init; }

    public EnvironmentPermissionsBoundary? PermissionsBoundary { get; init; }

    public IReadOnlyList<EnvironmentTag> Tags { get; init; } = [];
}

/// <summary>
/// A user: profile, enabled flag and extra attributes (e.g. <c>enterprise.department</c>, for ABAC). Never a password,
/// hash, authenticator secret, access key or session.
/// </summary>
public sealed record EnvironmentUser
{
    public required string UserName { get; init; }

    public required string DisplayName { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? Email { get; init; }

    /// <summary>Null means true.</summary>
    public bool? Enabled { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

public sealed record EnvironmentGroup
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>User names.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
}

/// <summary>An account assignment by names; <see cref="PrincipalType"/> is USER or GROUP.</summary>
public sealed record EnvironmentAssignment
{
    public required string Account { get; init; }

    public required string PermissionSet { get; init; }

    public required string PrincipalType { get; init; }

    public required string Principal { get; init; }
}

/// <summary>
/// A workshop event template. <see cref="AccountMode"/> is SHARED_ACCOUNT (empty means it) or ACCOUNT_PER_ATTENDEE;
/// <see cref="SharedAccount"/> is an account's name; <see cref="ParentOrganizationalUnit"/> is an OU's path from the
/// root ("Workloads/Sandbox"; empty means the root); <see cref="AssignmentScope"/> is PER_ATTENDEE (empty means it) or PER_GROUP.
/// </summary>
public sealed record EnvironmentEventTemplate
{
    public required string Name { get; init; }

    public required int AttendeeCount { get; init; }

    public required string UserNamePrefix { get; init; }

    /// <summary>The event's length in hours (1 to two weeks).</summary>
    public required int DurationHours { get; init; }

    /// <summary>Group names the attendees join.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Permission set names each attendee gets.</summary>
    public IReadOnlyList<string> PermissionSets { get; init; } = [];

    public string? AccountMode { get; init; }

    public string? SharedAccount { get; init; }

    public string? ParentOrganizationalUnit { get; init; }

    public string? AssignmentScope { get; init; }

    /// <summary>Null means false.</summary>
    public bool? WithAuthenticator { get; init; }
}

/// <summary>Reading and writing the document: camelCase, indented, unknown members refused (a typo is an error, not silently ignored).</summary>
public static class EnvironmentDocumentJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize(EnvironmentDocument document) => JsonSerializer.Serialize(document, Options);
}
