using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// A simulation for a user (each of their roles in the account) or one permission set in an account.
/// The session is described, not hand-made: the user's principal tags and the organization come from the
/// directory, <see cref="MfaPresent"/> says whether the user signed in with MFA, <see cref="At"/> is the time
/// of the request (default now). <see cref="Context"/> holds the request's keys (e.g. aws:SourceIp,
/// aws:RequestedRegion, aws:ResourceTag/x); keys the session sets are left out and reported as problems.
/// <see cref="ResourcePolicy"/> is an optional resource-based policy.
/// </summary>
public sealed record SimulationRequest(
    string AccountId,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    string? UserId = null,
    string? PermissionSetId = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null,
    string? ResourcePolicy = null,
    string? ResourceAccount = null,
    bool MfaPresent = true,
    DateTimeOffset? At = null);

/// <summary>
/// Free mode: pasted documents of each type. SCP/RCP levels are lists of documents per level (root first);
/// null = none. The principal is a role session described by its ARN, <see cref="MfaPresent"/> and
/// <see cref="PrincipalTags"/>; <see cref="Context"/> holds request keys only, as in <see cref="SimulationRequest"/>.
/// </summary>
public sealed record CustomSimulationRequest(
    IReadOnlyList<string> IdentityPolicies,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    string PrincipalArn = CustomSimulationRequest.DefaultPrincipalArn,
    IReadOnlyList<IReadOnlyList<string>>? ServiceControlPolicyLevels = null,
    IReadOnlyList<IReadOnlyList<string>>? ResourceControlPolicyLevels = null,
    string? ResourcePolicy = null,
    string? ResourceAccount = null,
    string? PermissionsBoundary = null,
    string? SessionPolicy = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null,
    bool MfaPresent = true,
    IReadOnlyDictionary<string, string>? PrincipalTags = null,
    DateTimeOffset? At = null)
{
    public const string DefaultPrincipalArn = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Simulated_0000000000000000/simulator";
}

/// <summary>
/// "May this administrator do X": an administrator (a directory user; their administration documents come from their
/// groups), IAM actions of the administered services (<c>identitystore:CreateUser</c>, <c>sso:CreatePermissionSet</c>, …) and
/// resource ARNs, request keys as in <see cref="SimulationRequest"/>. Decided by the same authorizer the console and APIs use.
/// </summary>
public sealed record AdministrationSimulationRequest(
    string UserId,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null,
    bool MfaPresent = true,
    DateTimeOffset? At = null);

/// <summary>A document that took part, so the view can show it and highlight the statements named in the explanation.</summary>
public sealed record SimulatedPolicy(PolicyType PolicyType, int? Level, string Name, string Document);

/// <summary>The decision for one (role, action, resource) with the evaluator's step-by-step explanation.</summary>
public sealed record SimulationDecision(
    string? PermissionSetId,
    string? PermissionSetName,
    string PrincipalArn,
    string Action,
    string Resource,
    Decision Decision,
    Explanation Explanation);

/// <summary>Per role simulated: the documents and the decisions. <see cref="Problems"/> lists missing policies etc.</summary>
public sealed record SimulatedRole(
    string? PermissionSetId,
    string? PermissionSetName,
    string PrincipalArn,
    IReadOnlyList<SimulatedPolicy> Policies,
    IReadOnlyList<SimulationDecision> Decisions,
    IReadOnlyList<string> Problems);

public sealed record SimulationResult(IReadOnlyList<SimulatedRole> Roles)
{
    public IEnumerable<SimulationDecision> Decisions => Roles.SelectMany(r => r.Decisions);
}
