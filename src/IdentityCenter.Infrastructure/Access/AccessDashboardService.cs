using System.Globalization;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Access;

internal sealed class AccessDashboardService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    TimeProvider timeProvider) : IAccessDashboardService
{
    private static readonly string[] ReportColumns =
    [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
        "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
        "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
        "cert_2_active", "cert_2_last_rotated", "portal_last_sign_in",
    ];

    public async Task<DashboardSnapshot> GetDashboardAsync(int days = 14, int recentEvents = 10, int oldPasswordDays = 90, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var now = timeProvider.GetUtcNow();
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.Enabled, u.PasswordChangedAt, u.CreatedAt, HasPassword = u.PasswordHash != null }).ToListAsync(cancellationToken);
        var withMfa = await db.MfaDevices.AsNoTracking().Where(d => d.ConfirmedAt != null).Select(d => d.UserId).Distinct().CountAsync(cancellationToken);
        var maxAge = await db.DirectorySettings.AsNoTracking().Select(s => s.MaxPasswordAge).FirstOrDefaultAsync(cancellationToken);
        var expired = maxAge is int age
            ? users.Count(u => u.HasPassword && (u.PasswordChangedAt ?? u.CreatedAt) < now.AddDays(-age))
            : 0;
        var old = users.Count(u => u.HasPassword && (u.PasswordChangedAt ?? u.CreatedAt) < now.AddDays(-oldPasswordDays));

        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(days - 1));
        var signIns = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EventTime >= since
                && (e.EventName == AuditEventNames.UserAuthentication || (e.EventName == AuditEventNames.CredentialVerification && e.ErrorCode != null)))
            .Select(e => new { e.EventTime, e.EventName })
            .ToListAsync(cancellationToken);
        var perDay = Enumerable.Range(0, days)
            .Select(i => DateOnly.FromDateTime(since.AddDays(i).UtcDateTime))
            .Select(day => new DailySignIns(
                day,
                signIns.Count(e => DateOnly.FromDateTime(e.EventTime.UtcDateTime) == day && e.EventName == AuditEventNames.UserAuthentication),
                signIns.Count(e => DateOnly.FromDateTime(e.EventTime.UtcDateTime) == day && e.EventName == AuditEventNames.CredentialVerification)))
            .ToList();
        var recent = (await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).Take(recentEvents).ToListAsync(cancellationToken))
            .ConvertAll(AuditRecordMapper.ToEvent);

        return new DashboardSnapshot(
            users.Count,
            users.Count(u => u.Enabled),
            await db.Groups.CountAsync(cancellationToken),
            snapshot.Tree?.Accounts.Count ?? 0,
            snapshot.PermissionSets.Count,
            snapshot.Assignments.Count,
            withMfa,
            users.Count == 0 ? 0 : Math.Round(100.0 * withMfa / users.Count, 1),
            expired,
            old,
            oldPasswordDays,
            perDay,
            recent);
    }

    public async Task<CredentialReport> GetCredentialReportAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName)
            .Select(u => new { u.Id, u.UserName, u.CreatedAt, HasPassword = u.PasswordHash != null, u.PasswordChangedAt, u.LastSignInAt })
            .ToListAsync(cancellationToken);
        var mfa = (await db.MfaDevices.AsNoTracking().Where(d => d.ConfirmedAt != null).Select(d => d.UserId).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var maxAge = await db.DirectorySettings.AsNoTracking().Select(s => s.MaxPasswordAge).FirstOrDefaultAsync(cancellationToken);
        var lastPasswordUse = (await db.AuditEvents.AsNoTracking()
                .Where(e => e.EventName == AuditEventNames.CredentialVerification && e.ErrorCode == null && e.PrincipalId != null)
                .GroupBy(e => e.PrincipalId!)
                .Select(g => new { UserId = g.Key, Last = g.Max(e => e.EventTime) })
                .ToListAsync(cancellationToken))
            .ToDictionary(x => x.UserId, x => x.Last, StringComparer.Ordinal);

        var keys = (await db.AccessKeys.AsNoTracking()
                .Select(k => new { k.UserId, k.Id, k.Status, k.CreatedAt, k.LastUsedAt, k.LastUsedRegion, k.LastUsedService })
                .ToListAsync(cancellationToken))
            .GroupBy(k => k.UserId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)
                    .Select(k => new ReportedKey(k.Status == "Active", k.CreatedAt, k.LastUsedAt, k.LastUsedRegion, k.LastUsedService))
                    .ToList(),
                StringComparer.Ordinal);

        var rows = new List<IReadOnlyList<string>>(users.Count);
        foreach (var u in users)
        {
            var changed = u.PasswordChangedAt;
            string nextRotation = !u.HasPassword ? "N/A" : maxAge is int age ? Time((changed ?? u.CreatedAt).AddDays(age)) : "N/A";
            var lastUsed = lastPasswordUse.TryGetValue(u.Id, out var used) ? (DateTimeOffset?)used : u.LastSignInAt;
            string[] row =
            [
                u.UserName ?? u.Id,
                "arn:aws:identitystore:::user/" + u.Id,
                Time(u.CreatedAt),
                u.HasPassword ? "true" : "false",
                !u.HasPassword ? "N/A" : lastUsed is { } l ? Time(l) : "no_information",
                !u.HasPassword ? "N/A" : changed is { } c ? Time(c) : Time(u.CreatedAt),
                nextRotation,
                mfa.Contains(u.Id) ? "true" : "false",
                .. KeyColumns(keys.GetValueOrDefault(u.Id), 0),
                .. KeyColumns(keys.GetValueOrDefault(u.Id), 1),
                "false", "N/A", "false", "N/A",
                u.LastSignInAt is { } s ? Time(s) : "N/A",
            ];
            rows.Add(row);
        }

        return new CredentialReport(ReportColumns, rows);
    }

    /// <summary>
    /// IAM's five columns of access key <paramref name="index"/> + 1 (keys numbered by creation): active, last_rotated (the
    /// creation time, as IAM reports it), last_used_date, last_used_region, last_used_service; N/A where there is no key or no use.
    /// </summary>
    private static string[] KeyColumns(List<ReportedKey>? keys, int index)
    {
        if (keys is null || index >= keys.Count)
        {
            return ["false", "N/A", "N/A", "N/A", "N/A"];
        }

        var key = keys[index];
        return
        [
            key.Active ? "true" : "false",
            Time(key.CreatedAt),
            key.LastUsedAt is { } used ? Time(used) : "N/A",
            key.LastUsedAt is null ? "N/A" : key.LastUsedRegion ?? "N/A",
            key.LastUsedAt is null ? "N/A" : key.LastUsedService ?? "N/A",
        ];
    }

    private sealed record ReportedKey(bool Active, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, string? LastUsedRegion, string? LastUsedService);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

}
