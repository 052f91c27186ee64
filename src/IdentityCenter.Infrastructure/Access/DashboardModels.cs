using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Access;

public sealed record DailySignIns(DateOnly Date, int Successes, int Failures);

/// <summary>
/// Dashboard figures. Passwords are "expired" past the directory's maximum password age and "old"
/// past <see cref="OldPasswordDays"/> days (or never changed).
/// </summary>
public sealed record DashboardSnapshot(
    int Users,
    int EnabledUsers,
    int Groups,
    int Accounts,
    int PermissionSets,
    int Assignments,
    int UsersWithMfa,
    double MfaCoveragePercent,
    int UsersWithExpiredPasswords,
    int UsersWithOldPasswords,
    int OldPasswordDays,
    IReadOnlyList<DailySignIns> SignInsPerDay,
    IReadOnlyList<AuditEvent> RecentEvents);
