using System.Globalization;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Workshop;

/// <inheritdoc cref="IWorkshopClockService"/>
internal sealed class WorkshopClockService(
    TimeProvider time,
    IAdministrativeAuthorizer administrators,
    IDbContextFactory<IdentityCenterDbContext> contexts) : IWorkshopClockService
{
    /// <summary>Audit event of an advance (request: hours; response: the new offset in hours).</summary>
    public const string AdvanceEvent = "AdvanceWorkshopClock";

    /// <summary>Audit event of a reset to real time (request: the offset it had, in hours).</summary>
    public const string ResetEvent = "ResetWorkshopClock";

    internal const string NotAvailableMessage =
        "Time travel is only available in workshop mode: start with --workshop or set IdentityCenter:Workshop:Enabled=true (and leave IdentityCenter:Workshop:TimeTravel unset or true).";

    private WorkshopClock? Clock => time as WorkshopClock;

    public bool IsAvailable => Clock is not null;

    public TimeSpan Offset => Clock?.Offset ?? TimeSpan.Zero;

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<OperationResult> AdvanceAsync(int hours, Actor actor, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (hours is < 1 or > WorkshopOptions.MaxAdvanceHours)
        {
            return OperationResult.Invalid("Hours", $"Advance the clock by 1 to {WorkshopOptions.MaxAdvanceHours} hours; {hours} is outside that range.");
        }

        var offset = Clock!.Advance(TimeSpan.FromHours(hours));
        await AuditAsync(actor, AdvanceEvent, new Dictionary<string, string?> { ["hours"] = hours.ToString(CultureInfo.InvariantCulture) }, offset, cancellationToken);
        return OperationResult.Success;
    }

    public async Task<OperationResult> ResetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(actor, cancellationToken) is { } refused)
        {
            return refused;
        }

        var before = Clock!.Offset;
        Clock.Reset();
        await AuditAsync(actor, ResetEvent, new Dictionary<string, string?> { ["previousOffsetHours"] = Hours(before) }, TimeSpan.Zero, cancellationToken);
        return OperationResult.Success;
    }

    /// <summary>Refused outside workshop mode, and for anyone not in the built-in administrators group (checked here, not only by the page).</summary>
    private async Task<OperationResult?> RefusalAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Clock is null)
        {
            return OperationResult.Forbidden(NotAvailableMessage);
        }

        var who = actor.UserId is { } userId ? await administrators.FindAdministratorAsync(userId, cancellationToken) : null;
        return who is not null && who.GroupNames.Contains(BuiltInGroups.AdministratorsName, StringComparer.OrdinalIgnoreCase)
            ? null
            : OperationResult.Forbidden($"Only members of {BuiltInGroups.AdministratorsName} may shift the workshop clock.");
    }

    private async Task AuditAsync(Actor actor, string eventName, IReadOnlyDictionary<string, string?> request, TimeSpan offset, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Recorded at real time as well as at the shifted one, so the audit trail says when it really happened.
        AccessAudit.Record(db, time.GetUtcNow(), actor, AccessAuditEventNames.SsoSource, eventName, request,
            new Dictionary<string, string?> { ["offsetHours"] = Hours(offset), ["realTime"] = (time.GetUtcNow() - offset).ToString("O", CultureInfo.InvariantCulture) });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Hours(TimeSpan offset) => offset.TotalHours.ToString(CultureInfo.InvariantCulture);
}
