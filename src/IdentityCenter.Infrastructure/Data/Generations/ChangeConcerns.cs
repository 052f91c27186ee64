namespace IdentityCenter.Infrastructure.Data.Generations;

/// <summary>
/// What each instance holds in memory and must reload when another instance changes it. Each name is a
/// row of <c>ChangeGenerations</c>; adding one needs a migration (the rows are seeded).
/// </summary>
public static class ChangeConcerns
{
    /// <summary>Organization, SCPs/RCPs, accounts, customer-managed policies, permission sets, provisioning, assignments, ABAC keys.</summary>
    public const string AccessModel = "access-model";

    /// <summary>Password policy, MFA settings, lockout and session duration.</summary>
    public const string DirectorySettings = "directory-settings";

    /// <summary>Portal sign-in sessions that ended (sign-out, deleted, user disabled or deleted, password reset).</summary>
    public const string Sessions = "sessions";

    /// <summary>Credential revocations.</summary>
    public const string Revocations = "credential-revocations";

    /// <summary>The session-token key ring.</summary>
    public const string TokenKeys = "token-keys";

    /// <summary>Registered resource services (the API keys of <c>/api/authorize</c>).</summary>
    public const string ResourceServices = "resource-services";

    /// <summary>Users' long-term access keys (created, made active or inactive, deleted).</summary>
    public const string AccessKeys = "access-keys";

    /// <summary>Administration documents attached to users and groups.</summary>
    public const string AdministrationPolicies = "administration-policies";

    public static IReadOnlyList<string> All { get; } = [AccessModel, DirectorySettings, Sessions, Revocations, TokenKeys, ResourceServices, AccessKeys, AdministrationPolicies];
}
