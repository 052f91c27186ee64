namespace IdentityCenter.Infrastructure.Access;

/// <summary>Counts and charts for the admin dashboard, and IAM's credential report for directory users.</summary>
public interface IAccessDashboardService
{
    /// <summary>Sign-ins per day over the last <paramref name="days"/> days (UTC), the latest <paramref name="recentEvents"/> audit events.</summary>
    Task<DashboardSnapshot> GetDashboardAsync(int days = 14, int recentEvents = 10, int oldPasswordDays = 90, CancellationToken cancellationToken = default);

    /// <summary>
    /// IAM's credential report for the directory users, generated now: IAM's columns (user, arn, user_creation_time,
    /// password_enabled, password_last_used, password_last_changed, password_next_rotation, mfa_active,
    /// access_key_1_active, …) plus portal_last_sign_in, one row per user ordered by user name. The download
    /// writes it as CSV (<see cref="Csv.CsvFiles"/>); the page shows the same rows.
    /// </summary>
    Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken = default);
}

/// <summary>The credential report: the column names and one row of values per user (in column order).</summary>
public sealed record CredentialReport(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
