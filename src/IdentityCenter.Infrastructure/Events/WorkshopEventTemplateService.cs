using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Events;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Events;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>
/// Event templates (see <see cref="IWorkshopEventTemplateService"/>). A save is staged by <see cref="StageSaveAsync"/>,
/// which the environment import uses too, with the event create's checks (<see cref="WorkshopEventRules.ValidateTemplate"/>
/// and <see cref="WorkshopEventService.ValidateSettingsAsync"/>).
/// </summary>
internal sealed class WorkshopEventTemplateService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    AccessModelCache cache,
    TimeProvider timeProvider) : IWorkshopEventTemplateService
{
    private const string Source = AccessAuditEventNames.SsoSource;

    public async Task<IReadOnlyList<WorkshopEventTemplate>> ListAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Set<WorkshopEventTemplateRecord>().AsNoTracking().ToListAsync(cancellationToken);
        var groupIds = records.SelectMany(r => Split(r.GroupIds)).Distinct(StringComparer.Ordinal).ToList();
        var groups = (await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return records
            .Select(r => ToTemplate(r) with
            {
                GroupIds = Split(r.GroupIds).Where(groups.Contains).ToList(),
                PermissionSetIds = Split(r.PermissionSetIds).Where(snapshot.PermissionSets.ContainsKey).ToList(),
                SharedAccountId = r.SharedAccountId is { } account && snapshot.Tree?.FindAccount(account) is not null ? account : null,
                ParentOrganizationalUnitId = r.ParentOrganizationalUnitId is { } unit && snapshot.Tree?.FindOrganizationalUnit(unit) is not null ? unit : null,
            })
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<OperationResult<WorkshopEventTemplate>> SaveAsync(WorkshopEventInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var hours = (input.EndsAt - input.StartsAt).TotalHours;
        var durationHours = hours <= 0 ? 0 : (int)Math.Min(Math.Ceiling(hours), int.MaxValue);
        var snapshot = await cache.GetAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var staged = await StageSaveAsync(db, snapshot, input, durationHours, actor, timeProvider.GetUtcNow(), cancellationToken);
        if (!staged.Succeeded)
        {
            return staged.As<WorkshopEventTemplate>();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok(ToTemplate(staged.Value!));
    }

    /// <summary>
    /// Validates a template (the event's rules and its references against <paramref name="snapshot"/> and the groups
    /// of <paramref name="db"/>; the name free among the saved templates) and stages it with its
    /// SaveWorkshopEventTemplate audit event in the caller's unit of work. The times of <paramref name="settings"/> are
    /// not used: <paramref name="durationHours"/> is the template's length. Shared with the environment import.
    /// </summary>
    internal static async Task<OperationResult<WorkshopEventTemplateRecord>> StageSaveAsync(
        IdentityCenterDbContext db, AccessSnapshot snapshot, WorkshopEventInput settings, int durationHours, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = WorkshopEventRules.ValidateTemplate(settings.Name, durationHours, settings.AttendeeCount, settings.UserNamePrefix).ToList();
        errors.AddRange((await WorkshopEventService.ValidateSettingsAsync(db, snapshot, settings, cancellationToken)).Errors);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<WorkshopEventTemplateRecord>();
        }

        var name = settings.Name.Trim();
        if (await db.Set<WorkshopEventTemplateRecord>().AnyAsync(t => t.Name == name, cancellationToken))
        {
            return OperationResult.Conflict("Name", $"A template named '{name}' exists already; delete it first, or change the event name.").As<WorkshopEventTemplateRecord>();
        }

        var perAttendee = settings.AccountMode == WorkshopAccountMode.AccountPerAttendee;
        var record = new WorkshopEventTemplateRecord
        {
            Id = "evtt-" + Guid.NewGuid().ToString("N")[..16],
            Name = name,
            AttendeeCount = settings.AttendeeCount,
            UserNamePrefix = settings.UserNamePrefix.Trim(),
            DurationHours = durationHours,
            AccountMode = settings.AccountMode.ToString(),
            SharedAccountId = perAttendee ? null : NullIfBlank(settings.SharedAccountId),
            ParentOrganizationalUnitId = perAttendee ? NullIfBlank(settings.ParentOrganizationalUnitId) : null,
            AssignmentScope = (perAttendee ? WorkshopAssignmentScope.PerAttendee : settings.AssignmentScope).ToString(),
            WithAuthenticator = settings.WithAuthenticator,
            GroupIds = string.Join(',', (settings.GroupIds ?? []).Distinct(StringComparer.Ordinal)),
            PermissionSetIds = string.Join(',', (settings.PermissionSetIds ?? []).Distinct(StringComparer.Ordinal)),
            CreatedAt = now,
            CreatedBy = actor.UserName,
        };
        db.Set<WorkshopEventTemplateRecord>().Add(record);
        AccessAudit.Record(db, now, actor, Source, WorkshopEventAuditNames.SaveWorkshopEventTemplate,
            new Dictionary<string, string?>
            {
                ["name"] = record.Name,
                ["attendeeCount"] = record.AttendeeCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["userNamePrefix"] = record.UserNamePrefix,
                ["durationHours"] = record.DurationHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["accountMode"] = record.AccountMode,
                ["sharedAccountId"] = record.SharedAccountId,
                ["parentOrganizationalUnitId"] = record.ParentOrganizationalUnitId,
                ["assignmentScope"] = record.AssignmentScope,
                ["groupIds"] = record.GroupIds,
                ["permissionSetIds"] = record.PermissionSetIds,
                ["withAuthenticator"] = record.WithAuthenticator ? "true" : "false",
            },
            new Dictionary<string, string?> { ["templateId"] = record.Id });
        return OperationResult.Ok(record);
    }

    public async Task<OperationResult> DeleteAsync(string templateId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.Set<WorkshopEventTemplateRecord>().FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (record is null)
        {
            return OperationResult.NotFound("That template does not exist (it may have been deleted already).");
        }

        db.Set<WorkshopEventTemplateRecord>().Remove(record);
        AccessAudit.Record(db, now, actor, Source, WorkshopEventAuditNames.DeleteWorkshopEventTemplate,
            new Dictionary<string, string?> { ["templateId"] = record.Id, ["name"] = record.Name });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Success;
    }

    internal static WorkshopEventTemplate ToTemplate(WorkshopEventTemplateRecord r) => new(
        r.Id, r.Name, r.AttendeeCount, r.UserNamePrefix, r.DurationHours, Split(r.GroupIds), Split(r.PermissionSetIds),
        Enum.Parse<WorkshopAccountMode>(r.AccountMode), r.SharedAccountId, r.ParentOrganizationalUnitId,
        Enum.Parse<WorkshopAssignmentScope>(r.AssignmentScope), r.WithAuthenticator, r.CreatedAt, r.CreatedBy);

    private static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(',');

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
