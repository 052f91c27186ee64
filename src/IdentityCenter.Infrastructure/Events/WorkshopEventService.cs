using System.Globalization;
using IdentityCenter.Core;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Events;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Access.Internal;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Data.Entities.Events;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Events;

/// <summary>
/// Workshop events (see <see cref="IWorkshopEventService"/>). A create stages everything in one scope's context and
/// one transaction through the same helpers the single-item services use (user creation as the import does it,
/// memberships, OUs and accounts through Core's organization tree, assignments with provisioning), so the rules and
/// audit events are the same; the access model is reloaded once, after the commit.
/// </summary>
internal sealed class WorkshopEventService(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IServiceScopeFactory scopes,
    AccessModelCache cache,
    IAssignmentService assignments,
    IUserDirectoryService users,
    IDirectorySettingsService settings,
    ICredentialRevocation revocation,
    SessionStateCache sessionCache,
    IDataProtectionProvider dataProtection,
    IOptions<IdentityCenterOptions> options,
    IRandomSource random,
    TimeProvider timeProvider,
    ILogger<WorkshopEventService> logger) : IWorkshopEventService
{
    /// <summary>
    /// PBKDF2 iterations for the generated one-time passwords of attendees (ASP.NET Core Identity's V3 format,
    /// HMAC-SHA512, own salt each). Typed passwords keep Identity's full cost. A generated one-time password has 16
    /// random characters from 69 (about 97 bits): stretching adds nothing against guessing it, and at full cost 500
    /// hashes take 25-60 s on 2 cores (measured; see the README), beyond the 10 s an event create may take. The hash is
    /// upgraded to full cost at the first sign-in (Identity rehashes a lower iteration count) and replaced at the
    /// forced password change.
    /// </summary>
    internal const int OneTimePasswordIterations = 10_000;

    /// <summary>The friendly name of the authenticator an event pre-enrols (regenerating cards replaces only these).</summary>
    internal const string CardAuthenticatorName = "Workshop card";

    private const string Source = AccessAuditEventNames.SsoSource;

    private static readonly PasswordHasher<ApplicationUser> OneTimePasswordHasher =
        new(Options.Create(new PasswordHasherOptions { IterationCount = OneTimePasswordIterations }));

    private readonly IDataProtector _secrets = dataProtection.CreateProtector(MfaDeviceService.ProtectorPurpose);

    public async Task<OperationResult<WorkshopEventCreated>> CreateAsync(WorkshopEventInput input, Actor actor, IProgress<WorkshopEventProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        var snapshot = await cache.GetAsync(cancellationToken);
        var errors = WorkshopEventRules.Validate(input.Name, input.StartsAt, input.EndsAt, now, input.AttendeeCount, input.UserNamePrefix).ToList();
        var groupIds = (input.GroupIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var setIds = (input.PermissionSetIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var perAttendee = input.AccountMode == WorkshopAccountMode.AccountPerAttendee;
        var prefix = input.UserNamePrefix?.Trim() ?? "";
        var count = input.AttendeeCount;
        var userNames = Enumerable.Range(1, Math.Clamp(count, 0, WorkshopEventRules.MaxAttendees)).Select(n => WorkshopEventRules.UserName(prefix, n)).ToList();
        Dictionary<string, string> groupNames;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var settingsErrors = await ValidateSettingsAsync(db, snapshot, input, cancellationToken);
            errors.AddRange(settingsErrors.Errors);
            groupNames = settingsErrors.GroupNames;
            if (errors.Count == 0)
            {
                var normalized = userNames.Select(DirectoryNames.Normalize).ToList();
                var taken = await db.Users.AsNoTracking().Where(u => normalized.Contains(u.NormalizedUserName!)).OrderBy(u => u.NormalizedUserName).Select(u => u.UserName!).ToListAsync(cancellationToken);
                if (taken.Count > 0)
                {
                    return OperationResult.Conflict("UserNamePrefix",
                        $"{taken.Count} of the names this prefix makes are taken ({string.Join(", ", taken.Take(3))}{(taken.Count > 3 ? ", …" : "")}); choose another prefix.").As<WorkshopEventCreated>();
                }
            }
        }

        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<WorkshopEventCreated>();
        }

        // The slow part, before the transaction (it would hold the database's write lock): hashing, on every core.
        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var passwords = userNames.Select(_ => PasswordGenerator.Generate(policy)).ToArray();
        const string hashing = "Hashing one-time passwords";
        progress?.Report(new(hashing, 0, count));
        var hashes = await UserDirectoryService.HashPasswordsAsync(OneTimePasswordHasher, passwords, cancellationToken,
            done => { if (done % 25 == 0 || done == count) { progress?.Report(new(hashing, done, count)); } });
        var authenticators = input.WithAuthenticator ? userNames.Select(NewAuthenticator).ToArray() : null;

        var eventId = "evt-" + Guid.NewGuid().ToString("N")[..16];
        var record = new WorkshopEventRecord
        {
            Id = eventId,
            Name = input.Name.Trim(),
            StartsAt = input.StartsAt,
            EndsAt = input.EndsAt,
            UserNamePrefix = prefix,
            AccountMode = input.AccountMode.ToString(),
            SharedAccountId = perAttendee ? null : NullIfBlank(input.SharedAccountId),
            AssignmentScope = input.AssignmentScope.ToString(),
            WithAuthenticator = input.WithAuthenticator,
            GroupIds = string.Join(',', groupIds),
            PermissionSetIds = string.Join(',', setIds),
            CreatedAt = now,
            CreatedBy = actor.UserName,
        };

        var cards = new List<WorkshopCard>(count);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            db.BeginBulkStaging();
            const string creatingUsers = "Creating users";
            var userIds = new string[count];
            for (var i = 0; i < count; i++)
            {
                var created = await UserDirectoryService.CreateInScopeAsync(
                    userManager, db, userNames[i], new UserProfile(DisplayName(record.Name, i + 1), null, null, null),
                    passwords[i], actor, now, cancellationToken, mustChangePassword: true, precomputedPasswordHash: hashes[i]);
                if (!created.Succeeded)
                {
                    // The transaction is disposed without commit: nothing of the event stays.
                    return Prefixed(created, $"Attendee {userNames[i]}: ").As<WorkshopEventCreated>();
                }

                userIds[i] = created.Value!.Id;
                record.Attendees.Add(new WorkshopAttendeeRecord { EventId = eventId, Number = i + 1, UserId = userIds[i], UserName = userNames[i] });
                if (authenticators is not null)
                {
                    StageAuthenticator(db, userIds[i], userNames[i], authenticators[i].Protected, actor, now);
                }

                cards.Add(new WorkshopCard(userIds[i], userNames[i], passwords[i], authenticators?[i].Secret, authenticators?[i].Uri));
                if ((i + 1) % 25 == 0 || i + 1 == count)
                {
                    progress?.Report(new(creatingUsers, i + 1, count));
                }
            }

            if (groupIds.Count > 0)
            {
                progress?.Report(new("Adding group memberships", 0, groupIds.Count * count));
                foreach (var groupId in groupIds)
                {
                    for (var i = 0; i < count; i++)
                    {
                        GroupDirectoryService.StageMembership(db, groupId, groupNames[groupId], userIds[i], userNames[i], actor, now);
                    }
                }

                await db.SaveStagedAsync(cancellationToken);
                progress?.Report(new("Adding group memberships", groupIds.Count * count, groupIds.Count * count));
            }

            var tree = await AccessModelCache.LoadTreeAsync(db, cancellationToken);
            var plans = new List<AssignmentPlanRequest>();
            if (perAttendee)
            {
                const string creatingAccounts = "Creating accounts";
                progress?.Report(new(creatingAccounts, 0, count));
                var unit = OrganizationService.StageOrganizationalUnit(db, tree!, random, NullIfBlank(input.ParentOrganizationalUnitId) ?? tree!.RootId, OrganizationName(record.Name), actor, now);
                if (!unit.Succeeded)
                {
                    return Prefixed(unit, "The event's organizational unit (named after the event): ").As<WorkshopEventCreated>();
                }

                record.OrganizationalUnitId = unit.Value;
                for (var i = 0; i < count; i++)
                {
                    var accountId = OrganizationIds.NewAccountId(random);
                    var email = $"attendee{i + 1:000}-{eventId[4..]}@events.invalid";
                    var accountName = OrganizationName(userNames[i]);
                    var problems = OrganizationValidation.ValidateAccount(accountId, accountName, email);
                    var staged = problems.Count > 0
                        ? OperationResult.Invalid(problems)
                        : OrganizationService.StageAccount(db, tree!, accountId, accountName, email, unit.Value!, isWorkshop: false, now);
                    if (!staged.Succeeded)
                    {
                        return Prefixed(staged, $"The account of {userNames[i]}: ").As<WorkshopEventCreated>();
                    }

                    AccessAudit.Record(db, now, actor, AccessAuditEventNames.OrganizationsSource, AccessAuditEventNames.CreateAccount,
                        new Dictionary<string, string?> { ["accountName"] = accountName, ["email"] = email, ["parentId"] = unit.Value },
                        new Dictionary<string, string?> { ["accountId"] = accountId, ["state"] = "SUCCEEDED" });
                    record.Attendees[i].AccountId = accountId;
                    if (setIds.Count > 0)
                    {
                        plans.Add(new AssignmentPlanRequest([accountId], [(PrincipalType.User, userIds[i])], setIds));
                    }

                    if ((i + 1) % 50 == 0 || i + 1 == count)
                    {
                        progress?.Report(new(creatingAccounts, i + 1, count));
                    }
                }

                await db.SaveStagedAsync(cancellationToken);
            }
            else if (setIds.Count > 0)
            {
                plans.Add(input.AssignmentScope == WorkshopAssignmentScope.PerGroup
                    ? new AssignmentPlanRequest([record.SharedAccountId!], groupIds.Select(g => (PrincipalType.Group, g)).ToList(), setIds)
                    : new AssignmentPlanRequest([record.SharedAccountId!], userIds.Select(u => (PrincipalType.User, u)).ToList(), setIds));
            }

            if (plans.Count > 0)
            {
                progress?.Report(new("Creating assignments", 0, plans.Sum(p => p.AccountIds.Count * p.Principals.Count * p.PermissionSetIds.Count)));
                var applied = await ((AssignmentService)assignments).StagePlansAsync(db, snapshot, tree, plans, actor, cancellationToken);
                if (!applied.Succeeded)
                {
                    return applied.As<WorkshopEventCreated>();
                }

                if (applied.Value!.Created.FirstOrDefault(c => !c.Provisioning.Succeeded) is { } failed)
                {
                    return OperationResult.Invalid("PermissionSetIds",
                        $"Permission set {failed.Assignment.PermissionSetName} could not be provisioned into account {failed.Assignment.AccountId}: {failed.Provisioning.FailureReason}").As<WorkshopEventCreated>();
                }

                progress?.Report(new("Creating assignments", applied.Value.Created.Count, applied.Value.Created.Count));
            }

            progress?.Report(new("Saving", 0, 1));
            db.Set<WorkshopEventRecord>().Add(record);
            AccessAudit.Record(db, now, actor, Source, WorkshopEventAuditNames.CreateWorkshopEvent, Request(record),
                new Dictionary<string, string?> { ["eventId"] = eventId, ["attendees"] = count.ToString(CultureInfo.InvariantCulture) });
            await db.SaveStagedAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        progress?.Report(new("Saving", 1, 1));
        logger.LogInformation("Created workshop event {EventId} with {Count} attendees.", eventId, count);
        return OperationResult.Ok(new WorkshopEventCreated(eventId, cards));
    }

    /// <summary>
    /// The checks of an event's settings against the instance (permission sets, groups, the shared account or the
    /// parent OU, the assignment scope); with the names of the chosen groups. Shared by <see cref="CreateAsync"/> and the
    /// event templates (<see cref="WorkshopEventTemplateService"/>), so a template holds only what an event accepts.
    /// <paramref name="snapshot"/> may be one loaded inside the caller's transaction.
    /// </summary>
    internal static async Task<(List<FieldError> Errors, Dictionary<string, string> GroupNames)> ValidateSettingsAsync(
        IdentityCenterDbContext db, AccessSnapshot snapshot, WorkshopEventInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var groupIds = (input.GroupIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var setIds = (input.PermissionSetIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var perAttendee = input.AccountMode == WorkshopAccountMode.AccountPerAttendee;
        errors.AddRange(setIds.Where(id => !snapshot.PermissionSets.ContainsKey(id))
            .Select(id => new FieldError("PermissionSetIds", $"Permission set {id} does not exist (it may have been deleted); choose it again.")));
        if (perAttendee)
        {
            if (snapshot.Tree is null)
            {
                errors.Add(new("AccountMode", "Accounts per attendee need an organization; create it (or seed the workshop) first."));
            }
            else if (input.ParentOrganizationalUnitId is { Length: > 0 } parent && parent != snapshot.Tree.RootId && snapshot.Tree.FindOrganizationalUnit(parent) is null)
            {
                errors.Add(new("ParentOrganizationalUnitId", $"Organizational unit {parent} does not exist; choose where the event's OU goes."));
            }
        }
        else if (setIds.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(input.SharedAccountId))
            {
                errors.Add(new("SharedAccountId", "Choose the shared sandbox account the attendees get their permission sets in."));
            }
            else if (snapshot.Tree?.FindAccount(input.SharedAccountId) is null)
            {
                errors.Add(new("SharedAccountId", $"Account {input.SharedAccountId} is not in the organization."));
            }
        }

        if (input.AssignmentScope == WorkshopAssignmentScope.PerGroup && setIds.Count > 0)
        {
            if (perAttendee)
            {
                errors.Add(new("AssignmentScope", "With an account per attendee each attendee is assigned in their own account; assigning to a group would give every attendee every account."));
            }
            else if (groupIds.Count == 0)
            {
                errors.Add(new("AssignmentScope", "Choose at least one group to assign per group, or assign per attendee."));
            }
        }

        errors.AddRange(groupIds.Where(id => BuiltInGroups.FindById(id) is not null)
            .Select(id => new FieldError("GroupIds", $"Attendees cannot join {BuiltInGroups.FindById(id)!.Name}: its members administer IdentityCenter.")));
        var groupNames = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        errors.AddRange(groupIds.Where(id => !groupNames.ContainsKey(id))
            .Select(id => new FieldError("GroupIds", $"Group {id} does not exist (it may have been deleted); choose it again.")));
        return (errors, groupNames);
    }

    public async Task<IReadOnlyList<WorkshopEventSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<WorkshopEventRecord>().AsNoTracking()
            .Select(e => new { Event = e, Attendees = e.Attendees.Count })
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.Event.StartsAt).ThenBy(r => r.Event.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new WorkshopEventSummary(r.Event.Id, r.Event.Name, r.Event.StartsAt, r.Event.EndsAt, r.Event.EndedAt, r.Event.UserNamePrefix,
                r.Attendees, Enum.Parse<WorkshopAccountMode>(r.Event.AccountMode), r.Event.UsersDeletedAt))
            .ToList();
    }

    public async Task<WorkshopEventDetail?> GetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var e = await db.Set<WorkshopEventRecord>().AsNoTracking().Include(x => x.Attendees).FirstOrDefaultAsync(x => x.Id == eventId, cancellationToken);
        if (e is null)
        {
            return null;
        }

        return new WorkshopEventDetail(
            e.Id, e.Name, e.StartsAt, e.EndsAt, e.EndedAt, e.UserNamePrefix, Split(e.GroupIds), Split(e.PermissionSetIds),
            e.Attendees.OrderBy(a => a.Number).Select(a => new WorkshopAttendee(a.UserId, a.UserName, a.AccountId)).ToList(),
            Enum.Parse<WorkshopAccountMode>(e.AccountMode), e.SharedAccountId, e.OrganizationalUnitId, Enum.Parse<WorkshopAssignmentScope>(e.AssignmentScope),
            e.WithAuthenticator, e.CreatedAt, e.CreatedBy, e.UsersDeletedAt);
    }

    public async Task<OperationResult<IReadOnlyList<WorkshopCard>>> RegenerateCardsAsync(string eventId, IReadOnlyCollection<string>? userIds, bool withAuthenticator, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var detail = await GetAsync(eventId, cancellationToken);
        if (detail is null)
        {
            return OperationResult.NotFound("That event does not exist (it may have been deleted).").As<IReadOnlyList<WorkshopCard>>();
        }

        if (detail.EndedAt is not null)
        {
            return OperationResult.Conflict("", "This event has ended; its attendees are disabled and get no new cards.").As<IReadOnlyList<WorkshopCard>>();
        }

        var byId = detail.Attendees.ToDictionary(a => a.UserId, StringComparer.Ordinal);
        List<WorkshopAttendee?> chosen = userIds is null ? [.. detail.Attendees] : userIds.Distinct(StringComparer.Ordinal).Select(id => byId.GetValueOrDefault(id)).ToList();
        if (chosen.Count == 0)
        {
            return OperationResult.Invalid("UserIds", "Choose at least one attendee.").As<IReadOnlyList<WorkshopCard>>();
        }

        if (chosen.Any(a => a is null))
        {
            return OperationResult.Invalid("UserIds", "Some of the chosen users are not attendees of this event.").As<IReadOnlyList<WorkshopCard>>();
        }

        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var passwords = chosen.Select(_ => PasswordGenerator.Generate(policy)).ToArray();
        var hashes = await UserDirectoryService.HashPasswordsAsync(OneTimePasswordHasher, passwords, cancellationToken);
        var authenticators = withAuthenticator ? chosen.Select(a => NewAuthenticator(a!.UserName)).ToArray() : null;
        var now = timeProvider.GetUtcNow();
        var cards = new List<WorkshopCard>(chosen.Count);
        var endedSessions = new List<string>();
        StagedRevocations revoked;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            var ids = chosen.Select(a => a!.UserId).ToList();
            var users = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, cancellationToken);
            for (var i = 0; i < chosen.Count; i++)
            {
                var attendee = chosen[i]!;
                if (users.GetValueOrDefault(attendee.UserId) is not { } user)
                {
                    return OperationResult.NotFound($"Attendee {attendee.UserName} no longer exists (the user was deleted).").As<IReadOnlyList<WorkshopCard>>();
                }

                // As an administrator's password reset: a one-time password, sessions end, lockout cleared.
                user.PasswordHash = hashes[i];
                user.MustChangePassword = true;
                user.PasswordChangedAt = now;
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
                user.UpdatedAt = now;
                user.UpdatedBy = actor.UserName;
                user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
                await PasswordHistoryWriter.RecordAsync(db, user, now, cancellationToken);
                endedSessions.AddRange(await UserSessionService.EndAllAsync(db, user.Id, SessionEndReasons.PasswordReset, now, cancellationToken));
                revoked.User(user.Id);
                db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                    now, actor, AuditEventNames.UpdatePassword, user.Id, user.UserName,
                    request: new Dictionary<string, string?> { ["userId"] = user.Id, ["passwordMode"] = "OTP", ["workshopEventId"] = eventId })));
                if (authenticators is not null)
                {
                    await db.MfaDevices.Where(d => d.UserId == user.Id && d.FriendlyName == CardAuthenticatorName).ExecuteDeleteAsync(cancellationToken);
                    StageAuthenticator(db, user.Id, attendee.UserName, authenticators[i].Protected, actor, now);
                }

                cards.Add(new WorkshopCard(user.Id, attendee.UserName, passwords[i], authenticators?[i].Secret, authenticators?[i].Uri));
            }

            AccessAudit.Record(db, now, actor, Source, WorkshopEventAuditNames.RegenerateWorkshopCards,
                new Dictionary<string, string?>
                {
                    ["eventId"] = eventId,
                    ["attendees"] = chosen.Count.ToString(CultureInfo.InvariantCulture),
                    ["withAuthenticator"] = withAuthenticator ? "true" : "false",
                });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        sessionCache.Revoke(endedSessions, now);
        revoked.Publish();
        return OperationResult.Ok<IReadOnlyList<WorkshopCard>>(cards);
    }

    public Task<OperationResult> EndAsync(string eventId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return EndCoreAsync(eventId, actor, automatic: false, cancellationToken);
    }

    /// <summary>Ends every event whose end time has come (the maintenance tick calls this each second); returns how many it ended.</summary>
    internal async Task<int> EndDueEventsAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        List<string> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Set<WorkshopEventRecord>().AsNoTracking().Where(e => e.EndedAt == null && e.EndsAt <= now).Select(e => e.Id).ToListAsync(cancellationToken);
        }

        var ended = 0;
        foreach (var id in due)
        {
            // Another instance may have ended it first (Conflict): that is fine.
            if ((await EndCoreAsync(id, Actor.System, automatic: true, cancellationToken)).Succeeded)
            {
                ended++;
                logger.LogInformation("Workshop event {EventId} reached its end time and was ended.", id);
            }
        }

        return ended;
    }

    private async Task<OperationResult> EndCoreAsync(string eventId, Actor actor, bool automatic, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var endedSessions = new List<string>();
        StagedRevocations revoked;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var record = await db.Set<WorkshopEventRecord>().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            if (record is null)
            {
                return OperationResult.NotFound("That event does not exist (it may have been deleted).");
            }

            if (record.EndedAt is { } endedAt)
            {
                return OperationResult.Conflict("", $"This event already ended at {endedAt:u}.");
            }

            // Guards against a second instance ending it at the same moment: only one update wins.
            var claimed = await db.Set<WorkshopEventRecord>().Where(e => e.Id == eventId && e.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.EndedAt, now), cancellationToken);
            if (claimed == 0)
            {
                return OperationResult.Conflict("", "This event was ended at the same time by someone else.");
            }

            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            var attendeeIds = await db.Set<WorkshopAttendeeRecord>().Where(a => a.EventId == eventId).Select(a => a.UserId).ToListAsync(cancellationToken);
            var disabled = 0;
            foreach (var chunk in attendeeIds.Chunk(500))
            {
                var enabled = await db.Users.Where(u => chunk.Contains(u.Id) && u.Enabled).ToListAsync(cancellationToken);
                foreach (var user in enabled)
                {
                    endedSessions.AddRange(await UserDirectoryService.StageDisableAsync(db, user, actor, now, revoked, cancellationToken));
                    disabled++;
                }
            }

            AccessAudit.Record(db, now, actor, Source, WorkshopEventAuditNames.EndWorkshopEvent,
                new Dictionary<string, string?> { ["eventId"] = eventId, ["automatic"] = automatic ? "true" : "false" },
                new Dictionary<string, string?> { ["disabledUsers"] = disabled.ToString(CultureInfo.InvariantCulture), ["endedSessions"] = endedSessions.Count.ToString(CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        sessionCache.Revoke(endedSessions, now);
        revoked.Publish();
        return OperationResult.Success;
    }

    public async Task<OperationResult> DeleteAsync(string eventId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var detail = await GetAsync(eventId, cancellationToken);
        if (detail is null)
        {
            return OperationResult.NotFound("That event does not exist (it may have been deleted).");
        }

        if (detail.EndedAt is null)
        {
            return OperationResult.Conflict("", "End the event first: its users and accounts can be deleted only after it ended.");
        }

        if (detail.UsersDeletedAt is { } deletedAt)
        {
            return OperationResult.Conflict("", $"This event's users and accounts were already deleted at {deletedAt:u}.");
        }

        // The accounts first, in one transaction (their remaining assignments go with them, revoked), then each user
        // through the directory (memberships, devices, sessions and assignments go with it). An interrupted delete is
        // finished by running it again: what is gone already is skipped.
        var accountIds = detail.Attendees.Select(a => a.AccountId).OfType<string>().ToList();
        if (accountIds.Count > 0 || detail.OrganizationalUnitId is not null)
        {
            var removed = await DeleteAccountsAsync(accountIds, detail.OrganizationalUnitId, actor, cancellationToken);
            if (!removed.Succeeded)
            {
                return removed;
            }
        }

        foreach (var attendee in detail.Attendees)
        {
            if (await users.GetUserAsync(attendee.UserId, cancellationToken) is null)
            {
                continue;
            }

            var deleted = await users.DeleteUserAsync(attendee.UserId, actor, cancellationToken);
            if (!deleted.Succeeded)
            {
                return Prefixed(deleted, $"Attendee {attendee.UserName}: ");
            }
        }

        var now = timeProvider.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Set<WorkshopEventRecord>().Where(e => e.Id == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.UsersDeletedAt, now), cancellationToken);
            AccessAudit.Record(db, now, actor, Source, WorkshopEventAuditNames.DeleteWorkshopEventUsers,
                new Dictionary<string, string?> { ["eventId"] = eventId },
                new Dictionary<string, string?> { ["users"] = detail.Attendees.Count.ToString(CultureInfo.InvariantCulture), ["accounts"] = accountIds.Count.ToString(CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return OperationResult.Success;
    }

    private async Task<OperationResult> DeleteAccountsAsync(IReadOnlyList<string> accountIds, string? unitId, Actor actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        StagedRevocations revoked;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await AccessModelCache.LoadTreeAsync(db, cancellationToken) is not { } tree)
            {
                return OperationResult.Success;
            }

            var present = accountIds.Where(a => tree.FindAccount(a) is not null).ToList();
            revoked = await revocation.StageAsync(db, actor, cancellationToken);
            foreach (var chunk in present.Chunk(500))
            {
                foreach (var assignment in await db.AccountAssignments.Where(a => chunk.Contains(a.AccountId)).ToListAsync(cancellationToken))
                {
                    AssignmentService.Remove(db, assignment, now, actor, revoked);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var accountId in present)
            {
                var removed = await OrganizationService.StageRemoveAccountAsync(db, tree, accountId, cancellationToken);
                if (!removed.Succeeded)
                {
                    return Prefixed(removed, $"Account {accountId}: ");
                }

                AccessAudit.Record(db, now, actor, AccessAuditEventNames.OrganizationsSource, AccessAuditEventNames.RemoveAccountFromOrganization,
                    new Dictionary<string, string?> { ["accountId"] = accountId });
            }

            // The event's OU, when nothing else was put in it.
            if (unitId is not null && tree.FindOrganizationalUnit(unitId) is not null && tree.DeleteOrganizationalUnit(unitId) is null)
            {
                await db.OrganizationPolicyAttachments.Where(a => a.TargetId == unitId).ExecuteDeleteAsync(cancellationToken);
                await db.OrganizationalUnits.Where(u => u.Id == unitId).ExecuteDeleteAsync(cancellationToken);
                AccessAudit.Record(db, now, actor, AccessAuditEventNames.OrganizationsSource, AccessAuditEventNames.DeleteOrganizationalUnit,
                    new Dictionary<string, string?> { ["organizationalUnitId"] = unitId });
            }

            await db.SaveChangesAsync(cancellationToken);
            await AccessModelCache.BumpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        cache.Invalidate();
        revoked.Publish();
        return OperationResult.Success;
    }

    /// <summary>A pre-enrolled authenticator's key: Base32 for the card, the otpauth URI for its QR code, and the encrypted form to store.</summary>
    private (string Secret, string Uri, string Protected) NewAuthenticator(string userName)
    {
        var base32 = TotpVerifier.ToBase32(TotpVerifier.GenerateKey());
        return (base32, TotpVerifier.BuildOtpauthUri(options.Value.TotpIssuer, userName, base32), _secrets.Protect(base32));
    }

    /// <summary>A confirmed authenticator (the card holds its key), audited as a completed registration.</summary>
    private static void StageAuthenticator(IdentityCenterDbContext db, string userId, string userName, string protectedSecret, Actor actor, DateTimeOffset now)
    {
        var device = new MfaDevice { UserId = userId, FriendlyName = CardAuthenticatorName, ProtectedSecret = protectedSecret, CreatedAt = now, ConfirmedAt = now };
        db.MfaDevices.Add(device);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.CompleteVirtualMfaDeviceRegistration, userId, userName,
            request: new Dictionary<string, string?> { ["deviceId"] = device.Id, ["friendlyName"] = CardAuthenticatorName, ["preEnrolled"] = "true" },
            eventSource: AuditEventSources.SsoDirectory)));
    }

    private static Dictionary<string, string?> Request(WorkshopEventRecord e) => new()
    {
        ["name"] = e.Name,
        ["startsAt"] = e.StartsAt.ToString("O", CultureInfo.InvariantCulture),
        ["endsAt"] = e.EndsAt.ToString("O", CultureInfo.InvariantCulture),
        ["userNamePrefix"] = e.UserNamePrefix,
        ["accountMode"] = e.AccountMode,
        ["sharedAccountId"] = e.SharedAccountId,
        ["assignmentScope"] = e.AssignmentScope,
        ["groupIds"] = e.GroupIds,
        ["permissionSetIds"] = e.PermissionSetIds,
        ["withAuthenticator"] = e.WithAuthenticator ? "true" : "false",
    };

    private static string DisplayName(string eventName, int number)
    {
        var name = $"Attendee {number:000}, {eventName}";
        return name.Length <= DirectoryNames.AttributeMaxLength ? name : name[..DirectoryNames.AttributeMaxLength];
    }

    /// <summary>An account or OU name made from a user or event name: characters AWS does not allow there (outside printable ASCII) become '-'.</summary>
    private static string OrganizationName(string name)
    {
        var printable = new string(name.Select(c => c is >= ' ' and <= '~' ? c : '-').ToArray());
        return printable.Length <= OrganizationValidation.NameMaxLength ? printable : printable[..OrganizationValidation.NameMaxLength];
    }

    private static OperationResult Prefixed(OperationResult result, string prefix) =>
        OperationResult.Failure(result.ErrorKind, result.Errors.Select(e => e with { Message = prefix + e.Message }).ToList(), result.ErrorCode);

    private static string[] Split(string ids) => ids.Length == 0 ? [] : ids.Split(',');

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
