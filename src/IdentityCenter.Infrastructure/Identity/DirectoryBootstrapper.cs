using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Identity;

/// <summary>What the first-run step did.</summary>
/// <param name="AdministratorCreated">True when this run created (or promoted) the first administrator.</param>
/// <param name="AdminUserName">That administrator's user name.</param>
/// <param name="GeneratedPassword">The generated one-time password, when none was configured (already printed to the console).</param>
public sealed record BootstrapResult(bool AdministratorCreated, string? AdminUserName, string? GeneratedPassword);

/// <summary>
/// First run: creates the settings row and the built-in administrators group, and when the group
/// has no member, the first administrator from <c>IdentityCenter:Bootstrap</c> (or with a generated
/// one-time password printed once to the console). That administrator must change a generated
/// password and enrol MFA at first sign-in.
/// </summary>
public sealed class DirectoryBootstrapper(
    IServiceScopeFactory scopes,
    IOptions<IdentityCenterOptions> options,
    TimeProvider timeProvider,
    ILogger<DirectoryBootstrapper> logger)
{
    public async Task<BootstrapResult> RunAsync(TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await DirectorySettingsService.EnsureCreatedAsync(db, now, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var builtIn in BuiltInGroups.Administrative)
        {
            var normalized = DirectoryNames.Normalize(builtIn.Name);
            if (await db.Groups.AnyAsync(g => g.Id == builtIn.Id, cancellationToken))
            {
                continue;
            }

            if (await db.Groups.AnyAsync(g => g.NormalizedDisplayName == normalized, cancellationToken))
            {
                // A group someone made earlier has the name: it stays theirs and gets no administration rights.
                logger.LogWarning("A group named {Group} already exists and is not the built-in one; rename it and restart to get the built-in {Group} group.", builtIn.Name, builtIn.Name);
                continue;
            }

            db.Groups.Add(new Group
            {
                Id = builtIn.Id,
                DisplayName = builtIn.Name,
                NormalizedDisplayName = normalized,
                Description = builtIn.Description,
                IsBuiltIn = true,
                CreatedAt = now,
                CreatedBy = Actor.System.UserName,
                UpdatedAt = now,
                UpdatedBy = Actor.System.UserName,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await db.GroupMemberships.AnyAsync(m => m.GroupId == BuiltInGroups.AdministratorsId && m.User!.Enabled, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return new(false, null, null);
        }

        var bootstrap = options.Value.Bootstrap;
        var generated = string.IsNullOrEmpty(bootstrap.AdminPassword);
        var password = generated ? PasswordGenerator.Generate(PasswordPolicy.IdentityCenterDirectory) : bootstrap.AdminPassword;
        var mustChange = generated || bootstrap.RequirePasswordChange;
        var user = await users.FindByNameAsync(bootstrap.AdminUserName);
        if (user is null)
        {
            var created = await UserDirectoryService.CreateInScopeAsync(
                users, db, bootstrap.AdminUserName, new UserProfile("Administrator", null, null, null), password, Actor.System, now, cancellationToken, mustChange);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The first administrator could not be created: {created.Summary} Fix IdentityCenter:Bootstrap and restart.");
            }

            user = created.Value!;
        }
        else
        {
            // The configured name exists but nobody administers the directory: promote it with the bootstrap credentials.
            await users.RemovePasswordAsync(user);
            var added = await users.AddPasswordAsync(user, password);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException($"The first administrator's password could not be set: {string.Join(" ", added.Errors.Select(e => e.Description))} Fix IdentityCenter:Bootstrap:AdminPassword and restart.");
            }

            user.Enabled = true;
            user.MustChangePassword = mustChange;
            user.PasswordChangedAt = now;
            user.LockoutEnd = null;
            await users.UpdateAsync(user);
            await PasswordHistoryWriter.RecordAsync(db, user, now, cancellationToken);
        }

        user.IsBootstrapAdministrator = true;
        await users.UpdateAsync(user);
        db.GroupMemberships.Add(new GroupMembership { GroupId = BuiltInGroups.AdministratorsId, UserId = user.Id, CreatedAt = now });
        db.AuditEvents.Add(AuditRecordMapper.ToRecord(AuditEventFactory.Api(
            now, Actor.System, AuditEventNames.AddMemberToGroup, user.Id, user.UserName,
            request: new Dictionary<string, string?> { ["groupId"] = BuiltInGroups.AdministratorsId, ["groupDisplayName"] = BuiltInGroups.AdministratorsName, ["memberId.userId"] = user.Id })));
        await db.SaveChangesAsync(cancellationToken);
        if (generated)
        {
            // Printed once, to the console only: never logged, never stored in clear. Printed before the
            // commit, so a crash in between cannot create an administrator whose password nobody saw
            // (if the commit does not happen, the next start creates it again with a new password).
            await console.WriteLineAsync($"""

                ==================================================================
                IdentityCenter first run: administrator '{user.UserName}' created.
                One-time password (shown once, change it at first sign-in):

                    {password}

                Set IdentityCenter:Bootstrap:AdminPassword to choose it yourself.
                ==================================================================

                """);
            await console.FlushAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("No administrator existed: created the first administrator '{UserName}' (member of {Group}).", user.UserName, BuiltInGroups.AdministratorsName);
        return new(true, user.UserName, generated ? password : null);
    }
}
