using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Generations;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>
/// Users for the admin pages. Each write runs in its own DI scope (fresh DbContext and UserManager,
/// so a long-lived Blazor circuit never sees stale tracked entities) and one transaction that also
/// holds the audit event.
/// </summary>
public sealed class UserDirectoryService(
    IServiceScopeFactory scopes,
    IDbContextFactory<IdentityCenterDbContext> contexts,
    IDirectorySettingsService settings,
    SessionStateCache sessionCache,
    ICredentialRevocation credentials,
    IEnumerable<IPrincipalDeletionHandler> deletionHandlers,
    TimeProvider timeProvider) : IUserDirectoryService
{
    public async Task<PagedResult<UserSummary>> ListUsersAsync(UserQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var pageIndex = Math.Max(0, query.PageIndex);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<ApplicationUser> users = db.Users.AsNoTracking();
        var searching = !string.IsNullOrWhiteSpace(query.Search);
        if (searching)
        {
            var pattern = ContainsPattern(DirectoryNames.Normalize(query.Search!));
            users = users.Where(u => EF.Functions.Like(u.NormalizedUserName!, pattern, LikeEscape)
                || EF.Functions.Like(u.NormalizedDisplayName, pattern, LikeEscape)
                || EF.Functions.Like(u.NormalizedEmail!, pattern, LikeEscape));
        }

        users = query.Status switch
        {
            UserStatusFilter.Enabled => users.Where(u => u.Enabled),
            UserStatusFilter.Disabled => users.Where(u => !u.Enabled),
            _ => users,
        };

        var total = await users.CountAsync(cancellationToken);

        // Two steps: the page's ids (read from the sort index alone), then those 25 rows. While
        // searching, the sort key is wrapped ("|| ''") so the database filters with one scan and
        // sorts the few matches, instead of walking the whole sort index and testing every row.
        var ids = await Order(users, query.SortBy, query.Descending, searching)
            .Skip(pageIndex * pageSize).Take(pageSize)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var rows = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new UserSummary(u.Id, u.UserName!, u.DisplayName, u.Email, u.Enabled, u.CreatedAt, u.LastSignInAt))
            .ToListAsync(cancellationToken);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return new(rows.OrderBy(r => position[r.Id]).ToList(), total, pageIndex, pageSize);
    }

    private const string LikeEscape = "\\";

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with LIKE's wildcards taken literally.</summary>
    internal static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static IOrderedQueryable<ApplicationUser> Order(IQueryable<ApplicationUser> users, UserSortField sortBy, bool descending, bool unindexed)
    {
        // The Id tie-breaker makes paging stable where the sort key repeats (display names, e-mail, status).
        return (sortBy, descending, unindexed) switch
        {
            (UserSortField.DisplayName, false, false) => users.OrderBy(u => u.NormalizedDisplayName).ThenBy(u => u.Id),
            (UserSortField.DisplayName, true, false) => users.OrderByDescending(u => u.NormalizedDisplayName).ThenByDescending(u => u.Id),
            (UserSortField.DisplayName, false, true) => users.OrderBy(u => u.NormalizedDisplayName + "").ThenBy(u => u.Id),
            (UserSortField.DisplayName, true, true) => users.OrderByDescending(u => u.NormalizedDisplayName + "").ThenByDescending(u => u.Id),
            (UserSortField.Email, false, false) => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (UserSortField.Email, true, false) => users.OrderByDescending(u => u.NormalizedEmail).ThenByDescending(u => u.Id),
            (UserSortField.Email, false, true) => users.OrderBy(u => u.NormalizedEmail + "").ThenBy(u => u.Id),
            (UserSortField.Email, true, true) => users.OrderByDescending(u => u.NormalizedEmail + "").ThenByDescending(u => u.Id),
            (UserSortField.CreatedAt, false, _) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            (UserSortField.CreatedAt, true, _) => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
            (UserSortField.Status, false, _) => users.OrderBy(u => u.Enabled).ThenBy(u => u.NormalizedUserName),
            (UserSortField.Status, true, _) => users.OrderByDescending(u => u.Enabled).ThenByDescending(u => u.NormalizedUserName),
            (_, false, false) => users.OrderBy(u => u.NormalizedUserName),
            (_, true, false) => users.OrderByDescending(u => u.NormalizedUserName),
            (_, false, true) => users.OrderBy(u => u.NormalizedUserName + ""),
            (_, true, true) => users.OrderByDescending(u => u.NormalizedUserName + ""),
        };
    }

    public async Task<UserDetail?> GetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadDetailAsync(db, db.Users.AsNoTracking().Where(u => u.Id == userId), cancellationToken);
    }

    public async Task<IReadOnlyList<UserDetail>> GetUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            return [];
        }

        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadDetailsAsync(db, db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)), cancellationToken);
    }

    public async Task<UserDetail?> FindByUserNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        var normalized = DirectoryNames.Normalize(userName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadDetailAsync(db, db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized), cancellationToken);
    }

    public async Task<IReadOnlyList<UserDetail>> ListUserDetailsAsync(string? afterUserName, int limit, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (afterUserName is not null)
        {
            var after = DirectoryNames.Normalize(afterUserName);
            users = users.Where(u => u.NormalizedUserName!.CompareTo(after) > 0);
        }

        return await LoadDetailsAsync(db, users.OrderBy(u => u.NormalizedUserName).Take(limit), cancellationToken);
    }

    public async Task<OperationResult<CreatedUser>> CreateUserAsync(CreateUserRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = ValidateNewUser(request);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<CreatedUser>();
        }

        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var oneTimePassword = PasswordGenerator.Generate(policy);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await CreateInScopeAsync(users, db, request.UserName, request.Profile, oneTimePassword, actor, timeProvider.GetUtcNow(), cancellationToken);
        if (!created.Succeeded)
        {
            return created.As<CreatedUser>();
        }

        await transaction.CommitAsync(cancellationToken);
        var detail = await GetUserAsync(created.Value!.Id, cancellationToken);
        return OperationResult.Ok(new CreatedUser(detail!, oneTimePassword));
    }

    /// <summary>The checks of a new user's name and profile (shared with the environment import).</summary>
    internal static List<FieldError> ValidateNewUser(CreateUserRequest request) =>
        DirectoryNames.ValidateUserName(request.UserName).Concat(DirectoryNames.ValidateProfile(request.Profile)).ToList();

    public async Task<OperationResult<UserDetail>> UpdateUserAsync(string userId, UserProfile profile, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(actor);
        var errors = DirectoryNames.ValidateProfile(profile);
        if (errors.Count > 0)
        {
            return OperationResult.Invalid(errors).As<UserDetail>();
        }

        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist (it may have been deleted).").As<UserDetail>();
        }

        var changes = new Dictionary<string, string?>();
        void Track(string name, string? before, string? after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes[name] = after;
            }
        }

        var email = NullIfBlank(profile.Email);
        Track("displayName", user.DisplayName, profile.DisplayName.Trim());
        Track("name.givenName", user.GivenName, NullIfBlank(profile.GivenName));
        Track("name.familyName", user.FamilyName, NullIfBlank(profile.FamilyName));
        Track("emails[0].value", user.Email, email);
        if (changes.Count == 0)
        {
            return OperationResult.Ok((await LoadDetailAsync(db, db.Users.AsNoTracking().Where(u => u.Id == userId), cancellationToken))!);
        }

        user.DisplayName = profile.DisplayName.Trim();
        user.NormalizedDisplayName = DirectoryNames.Normalize(user.DisplayName);
        user.GivenName = NullIfBlank(profile.GivenName);
        user.FamilyName = NullIfBlank(profile.FamilyName);
        user.Email = email;
        user.NormalizedEmail = email is null ? null : users.NormalizeEmail(email);
        user.UpdatedAt = now;
        user.UpdatedBy = actor.UserName;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            return ToFailure(result).As<UserDetail>();
        }

        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(now, actor, AuditEventNames.UpdateUser, user.Id, user.UserName, request: changes)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Ok((await GetUserAsync(userId, cancellationToken))!);
    }

    public async Task<OperationResult> SetEnabledAsync(string userId, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!enabled && actor.UserId == userId)
        {
            return OperationResult.Forbidden("You cannot disable your own account. Ask another administrator.");
        }

        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist (it may have been deleted).");
        }

        if (user.Enabled == enabled)
        {
            return OperationResult.Success;
        }

        if (!enabled && await IsLastEnabledAdministratorAsync(db, userId, cancellationToken))
        {
            return OperationResult.Conflict("", "This is the last enabled administrator. Make another user an administrator first.");
        }

        var revoked = await credentials.StageAsync(db, actor, cancellationToken);
        List<string> ended = [];
        if (enabled)
        {
            user.Enabled = true;
            user.UpdatedAt = now;
            user.UpdatedBy = actor.UserName;
            await users.UpdateSecurityStampAsync(user);
            db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
                now, actor, AuditEventNames.EnableUser, user.Id, user.UserName,
                request: new Dictionary<string, string?> { ["userId"] = user.Id })));
        }
        else
        {
            ended = await StageDisableAsync(db, user, actor, now, revoked, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessionCache.Revoke(ended, now);
        revoked.Publish();
        return OperationResult.Success;
    }

    /// <summary>
    /// Disables a tracked user inside the caller's transaction: ends their sessions, stages the revocation of every
    /// credential they hold, changes the security stamp (so cookies fail their next validation) and adds the
    /// DisableUser audit event. The caller saves, commits, then revokes the returned session ids in
    /// <see cref="SessionStateCache"/> and publishes <paramref name="revoked"/>. Shared with the workshop events' end.
    /// </summary>
    internal static async Task<List<string>> StageDisableAsync(IdentityCenterDbContext db, ApplicationUser user, Actor actor, DateTimeOffset now, StagedRevocations revoked, CancellationToken cancellationToken)
    {
        user.Enabled = false;
        user.UpdatedAt = now;
        user.UpdatedBy = actor.UserName;
        user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        var ended = await UserSessionService.EndAllAsync(db, user.Id, SessionEndReasons.UserDisabled, now, cancellationToken);
        revoked.User(user.Id);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.DisableUser, user.Id, user.UserName,
            request: new Dictionary<string, string?> { ["userId"] = user.Id },
            response: new Dictionary<string, string?> { ["endedSessions"] = ended.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        return ended;
    }

    public async Task<OperationResult> DeleteUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.UserId == userId)
        {
            return OperationResult.Forbidden("You cannot delete your own account. Ask another administrator.");
        }

        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist (it may have been deleted already).");
        }

        if (await IsLastEnabledAdministratorAsync(db, userId, cancellationToken))
        {
            return OperationResult.Conflict("", "This is the last enabled administrator. Make another user an administrator first.");
        }

        var sessionIds = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).Select(s => s.Id).ToListAsync(cancellationToken);
        if (sessionIds.Count > 0)
        {
            // The sessions go with the user (cascade): other instances re-check the ones they hold.
            await ChangeGenerations.BumpAsync(db, ChangeConcerns.Sessions, cancellationToken);
        }

        // One transaction: the user, what refers to it (assignments), the revocations and the audit events.
        var deletion = new PrincipalDeletion(db, userId, actor, now, await credentials.StageAsync(db, actor, cancellationToken));
        deletion.Revocations.User(userId);
        foreach (var handler in deletionHandlers)
        {
            await handler.OnUserDeletingAsync(deletion, cancellationToken);
        }

        db.Users.Remove(user);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.DeleteUser, user.Id, user.UserName,
            request: new Dictionary<string, string?> { ["userId"] = user.Id, ["userName"] = user.UserName })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessionCache.Revoke(sessionIds, now);
        deletion.Committed();
        return OperationResult.Success;
    }

    public async Task<OperationResult<string>> ResetPasswordAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        var oneTimePassword = PasswordGenerator.Generate(policy);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist (it may have been deleted).").As<string>();
        }

        if (user.PasswordHash is not null)
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded)
            {
                return ToFailure(removed).As<string>();
            }
        }

        var added = await users.AddPasswordAsync(user, oneTimePassword);
        if (!added.Succeeded)
        {
            return ToFailure(added, "Password").As<string>();
        }

        user.MustChangePassword = true;
        user.PasswordChangedAt = now;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.UpdatedAt = now;
        user.UpdatedBy = actor.UserName;
        await users.UpdateAsync(user);
        await PasswordHistoryWriter.RecordAsync(db, user, now, cancellationToken);
        var ended = await UserSessionService.EndAllAsync(db, userId, SessionEndReasons.PasswordReset, now, cancellationToken);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.UpdatePassword, user.Id, user.UserName,
            request: new Dictionary<string, string?> { ["userId"] = user.Id, ["passwordMode"] = "OTP" })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        sessionCache.Revoke(ended, now);
        return OperationResult.Ok(oneTimePassword);
    }

    public async Task<OperationResult> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = timeProvider.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return OperationResult.NotFound("That user does not exist (it may have been deleted).");
        }

        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        user.UpdatedAt = now;
        user.UpdatedBy = actor.UserName;
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.UpdateUser, user.Id, user.UserName,
            request: new Dictionary<string, string?> { ["userId"] = user.Id, ["unlock"] = "true" })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult.Success;
    }

    /// <summary>
    /// Creates one user with the given one-time password inside the caller's scope and transaction
    /// (shared with the import and the bootstrap). Adds the audit event but does not commit.
    /// <paramref name="precomputedPasswordHash"/> is the hash of a generated <paramref name="oneTimePassword"/>
    /// computed before the transaction, so slow hashing does not hold the database's write lock.
    /// </summary>
    internal static async Task<OperationResult<ApplicationUser>> CreateInScopeAsync(
        UserManager<ApplicationUser> users,
        IdentityCenterDbContext db,
        string userName,
        UserProfile profile,
        string oneTimePassword,
        Actor actor,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        bool mustChangePassword = true,
        string? precomputedPasswordHash = null)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return OperationResult.Conflict("UserName", $"A user named '{userName}' already exists. User names are unique, ignoring case.").As<ApplicationUser>();
        }

        var email = NullIfBlank(profile.Email);
        var user = new ApplicationUser
        {
            UserName = userName,
            DisplayName = profile.DisplayName.Trim(),
            NormalizedDisplayName = DirectoryNames.Normalize(profile.DisplayName),
            GivenName = NullIfBlank(profile.GivenName),
            FamilyName = NullIfBlank(profile.FamilyName),
            Email = email,
            Enabled = true,
            LockoutEnabled = true,
            CreatedAt = now,
            CreatedBy = actor.UserName,
            UpdatedAt = now,
            UpdatedBy = actor.UserName,
            PasswordChangedAt = now,
            MustChangePassword = mustChangePassword,
        };
        IdentityResult result;
        if (precomputedPasswordHash is null)
        {
            result = await users.CreateAsync(user, oneTimePassword);
        }
        else
        {
            // A password hashed before the transaction (bulk import, workshop seed), already checked against the policy.
            user.PasswordHash = precomputedPasswordHash;
            result = await users.CreateAsync(user);
        }

        if (!result.Succeeded)
        {
            return ToFailure(result, "Password").As<ApplicationUser>();
        }

        await PasswordHistoryWriter.RecordAsync(db, user, now, cancellationToken);
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, actor, AuditEventNames.CreateUser, user.Id, user.UserName,
            request: new Dictionary<string, string?>
            {
                ["userName"] = user.UserName,
                ["displayName"] = user.DisplayName,
                ["name.givenName"] = user.GivenName,
                ["name.familyName"] = user.FamilyName,
                ["emails[0].value"] = user.Email,
            },
            response: new Dictionary<string, string?> { ["userId"] = user.Id })));
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult.Ok(user);
    }

    /// <summary>
    /// Hashes each password (each with its own salt) on every core, before the caller's transaction: hashing is
    /// deliberately slow (tens of ms each), and done inside it would hold the database's write lock that long.
    /// </summary>
    /// <param name="hasher">The hasher.</param>
    /// <param name="passwords">The passwords, hashed in order.</param>
    /// <param name="cancellationToken">Stops the hashing.</param>
    /// <param name="hashed">Hears the number of passwords hashed so far (from any thread), for a progress bar.</param>
    internal static async Task<string[]> HashPasswordsAsync(IPasswordHasher<ApplicationUser> hasher, IReadOnlyList<string> passwords, CancellationToken cancellationToken, Action<int>? hashed = null)
    {
        var hashes = new string[passwords.Count];
        var done = 0;
        await Parallel.ForAsync(0, passwords.Count, cancellationToken, (i, _) =>
        {
            hashes[i] = hasher.HashPassword(new ApplicationUser(), passwords[i]);
            hashed?.Invoke(Interlocked.Increment(ref done));
            return ValueTask.CompletedTask;
        });
        return hashes;
    }

    internal static async Task<bool> IsLastEnabledAdministratorAsync(IdentityCenterDbContext db, string userId, CancellationToken cancellationToken)
    {
        var isAdmin = await db.GroupMemberships.AnyAsync(m => m.UserId == userId && m.GroupId == BuiltInGroups.AdministratorsId, cancellationToken);
        if (!isAdmin)
        {
            return false;
        }

        return !await db.GroupMemberships.AnyAsync(
            m => m.GroupId == BuiltInGroups.AdministratorsId && m.UserId != userId && m.User!.Enabled,
            cancellationToken);
    }

    internal static OperationResult ToFailure(IdentityResult result, string passwordField = "Password")
    {
        var errors = result.Errors.Select(e => e.Code switch
        {
            "DuplicateUserName" => new FieldError("UserName", e.Description),
            "InvalidUserName" => new FieldError("UserName", e.Description),
            "InvalidEmail" or "DuplicateEmail" => new FieldError("Email", e.Description),
            "ConcurrencyFailure" => FieldError.General("Someone else changed this user at the same time. Reload and try again."),
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) || Enum.TryParse<PasswordRule>(e.Code, out _) => new FieldError(passwordField, e.Description),
            _ => FieldError.General(e.Description),
        }).ToList();
        return result.Errors.Any(e => e.Code == "DuplicateUserName")
            ? OperationResult.Failure(OperationErrorKind.Conflict, errors)
            : OperationResult.Invalid(errors);
    }

    private async Task<UserDetail?> LoadDetailAsync(IdentityCenterDbContext db, IQueryable<ApplicationUser> source, CancellationToken cancellationToken) =>
        (await LoadDetailsAsync(db, source.Take(1), cancellationToken)) is [var first, ..] ? first : null;

    /// <summary>The details of the users <paramref name="source"/> yields, in its order.</summary>
    private async Task<IReadOnlyList<UserDetail>> LoadDetailsAsync(IdentityCenterDbContext db, IQueryable<ApplicationUser> source, CancellationToken cancellationToken)
    {
        var rows = await source.Select(u => new
        {
            User = u,
            IsAdmin = db.GroupMemberships.Any(m => m.UserId == u.Id && m.GroupId == BuiltInGroups.AdministratorsId),
            Devices = db.MfaDevices.Count(d => d.UserId == u.Id && d.ConfirmedAt != null),
        }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var now = timeProvider.GetUtcNow();
        var policy = await settings.GetPasswordPolicyAsync(cancellationToken);
        return [.. rows.Select(row =>
        {
            var u = row.User;
            return new UserDetail(
                u.Id, u.UserName!, u.DisplayName, u.GivenName, u.FamilyName, u.Email, u.Enabled,
                u.CreatedAt, u.CreatedBy, u.UpdatedAt, u.UpdatedBy, u.PasswordChangedAt, u.MustChangePassword,
                policy.IsExpired(u.PasswordChangedAt, now),
                u.LockoutEnd is { } end && end > now ? end : null,
                u.LastSignInAt, row.IsAdmin, row.Devices);
        })];
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
