using IdentityCenter.Core.Administration;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>
/// The groups created at first run. Their members administer IdentityCenter with the built-in document each group
/// holds (<see cref="AdministrationPolicies"/>): full administration, read-only auditing, or help desk.
/// </summary>
public static class BuiltInGroups
{
    public const string AdministratorsId = "00000000-0000-0000-0000-000000000001";
    public const string AdministratorsName = "IdentityCenterAdmins";
    public const string AdministratorsDescription = "Built-in: members administer IdentityCenter (they must sign in with MFA).";

    public const string AuditorsId = "00000000-0000-0000-0000-000000000002";
    public const string AuditorsName = "IdentityCenterAuditors";
    public const string AuditorsDescription = "Built-in: members read everything (administrative APIs; Users and Groups pages in the console) and change nothing (read-only auditor; they must sign in with MFA).";

    public const string HelpDeskId = "00000000-0000-0000-0000-000000000003";
    public const string HelpDeskName = "IdentityCenterHelpDesk";
    public const string HelpDeskDescription = "Built-in: members manage users, groups, memberships, MFA devices and sessions, nothing else (help desk; they must sign in with MFA).";

    /// <summary>A built-in administrative group and the administration document it holds.</summary>
    public sealed record AdministrativeGroup(string Id, string Name, string Description, string PolicyName);

    /// <summary>The administrative groups, strongest first.</summary>
    public static IReadOnlyList<AdministrativeGroup> Administrative { get; } =
    [
        new(AdministratorsId, AdministratorsName, AdministratorsDescription, AdministrationPolicies.FullAdministrationName),
        new(AuditorsId, AuditorsName, AuditorsDescription, AdministrationPolicies.ReadOnlyAuditorName),
        new(HelpDeskId, HelpDeskName, HelpDeskDescription, AdministrationPolicies.HelpDeskName),
    ];

    /// <summary>Ids of the groups whose members administer (they must sign in with MFA).</summary>
    public static IReadOnlyList<string> AdministrativeIds { get; } = [.. Administrative.Select(g => g.Id)];

    /// <summary>The administrative group with this name (case-insensitive), or null.</summary>
    public static AdministrativeGroup? FindByName(string name) =>
        Administrative.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    public static AdministrativeGroup? FindById(string id) =>
        Administrative.FirstOrDefault(g => string.Equals(g.Id, id, StringComparison.Ordinal));
}
