using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Access;

/// <summary>
/// What the workshop seeder created, including the demo users' sign-in names and passwords.
/// <paramref name="RedoneAfterInterruption"/>: an earlier seed had stopped half-way; its data was removed first.
/// <paramref name="Buckets"/>: demo S3 buckets in the demo accounts (0 when the host has no S3 store).
/// </summary>
public sealed record WorkshopSeedResult(
    string OrganizationId,
    int Accounts,
    int PermissionSets,
    int Assignments,
    IReadOnlyList<WorkshopUser> Users,
    bool WasReset,
    bool RedoneAfterInterruption = false,
    int Buckets = 0);

public sealed record WorkshopUser(string UserName, string Password, IReadOnlyList<string> Groups);

/// <summary>
/// Workshop mode: one call seeds a realistic demo organization (OUs Security, Workloads/Prod,
/// Workloads/Dev, Sandbox; six accounts; guardrail SCPs; customer managed policies; five permission
/// sets; demo users and groups with assignments) and provisions everything.
/// With <c>reset</c> the demo data is removed first and seeded again.
/// </summary>
public interface IWorkshopSeeder
{
    /// <summary>
    /// Without reset, refuses (Conflict) when the demo organization is complete. Demo data that an
    /// interrupted seed or removal left (no completion marker) is removed and seeded again, reset or not.
    /// </summary>
    Task<OperationResult<WorkshopSeedResult>> SeedAsync(bool reset, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Removes the demo accounts, permission sets, assignments, users and groups.</summary>
    Task<OperationResult> RemoveAsync(Actor actor, CancellationToken cancellationToken = default);
}
