namespace IdentityCenter.Infrastructure.Access;

/// <summary>Counts and charts for the admin dashboard, and IAM's credential report for directory users.</summary>
public interface IAccessDashboardService
{
    /// <summary>Sign-ins per day over the last <paramref name="days"/> days (UTC), the latest <paramref name="recentEvents"/> audit events.</summary>
    Task<DashboardSnapshot> GetDashboardAsync(int days = 14, int recentEvents = 10, int oldPasswordDays = 90, CancellationToken cancellationToken = default);

    /// <summary>
    /// CSV (UTF-8, header row) with IAM's credential report columns (user, arn, user_creation_time,
    /// password_enabled, password_last_used, password_last_changed, password_next_rotation, mfa_active,
    /// access_key_1_active, …) plus portal_last_sign_in, one row per directory user.
    /// </summary>
    Task WriteCredentialReportAsync(Stream output, CancellationToken cancellationToken = default);

    Task<string> GetCredentialReportCsvAsync(CancellationToken cancellationToken = default);
}
