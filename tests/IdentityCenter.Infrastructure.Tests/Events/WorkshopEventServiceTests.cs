using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Entities.Events;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Events;

/// <summary>Workshop events against a real directory, access model and credentials feature (SQLite and PostgreSQL).</summary>
public sealed class WorkshopEventServiceTests
{
    private const string AllowS3Read = """{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Create_500AttendeesWithAnAccountEach_CreatesUsersMembershipsAccountsAndAssignments(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var progress = new RecordingProgress();

        var created = Ok(await env.Events.CreateAsync(env.Input(500, "big-", WorkshopAccountMode.AccountPerAttendee), env.Test.Admin, progress));

        Assert.Equal(500, created.Cards.Count);
        Assert.Equal("big-001", created.Cards[0].UserName);
        Assert.Equal("big-500", created.Cards[^1].UserName);
        Assert.Equal(500, created.Cards.Select(c => c.OneTimePassword).Distinct().Count());
        var detail = (await env.Events.GetAsync(created.EventId))!;
        Assert.Equal(500, detail.Attendees.Count);
        Assert.Null(detail.EndedAt);
        Assert.NotNull(detail.OrganizationalUnitId);
        Assert.All(detail.Attendees, a => Assert.NotNull(a.AccountId));
        await using (var db = await env.DbAsync())
        {
            var userIds = detail.Attendees.Select(a => a.UserId).ToList();
            Assert.Equal(500, await db.Users.CountAsync(u => userIds.Contains(u.Id) && u.MustChangePassword && u.Enabled));
            Assert.Equal(500, await db.GroupMemberships.CountAsync(m => m.GroupId == env.GroupId && userIds.Contains(m.UserId)));
            Assert.Equal(500, await db.Accounts.CountAsync(a => a.ParentId == detail.OrganizationalUnitId));
            Assert.Equal(500, await db.AccountAssignments.CountAsync(a => a.PermissionSetId == env.PermissionSetId && userIds.Contains(a.PrincipalId)));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventName == WorkshopEventAuditNames.CreateWorkshopEvent));
        }

        // Each attendee is entitled to the permission set in their own account only.
        var first = detail.Attendees[0];
        var roles = await env.Test.Get<IEntitlementService>().ListRolesAsync(first.UserId, first.AccountId!);
        Assert.Equal("S3Reader", Assert.Single(roles).RoleName);
        Assert.Empty(await env.Test.Get<IEntitlementService>().ListRolesAsync(first.UserId, detail.Attendees[1].AccountId!));

        // The card's one-time password signs in (and must be changed).
        var users = env.Test.Get<UserManager<ApplicationUser>>();
        var user = (await users.FindByNameAsync("big-042"))!;
        Assert.True(await users.CheckPasswordAsync(user, created.Cards[41].OneTimePassword));
        Assert.False(await users.CheckPasswordAsync(user, created.Cards[40].OneTimePassword));

        Assert.Contains(progress.Reports, p => p.Stage.StartsWith("Hashing", StringComparison.Ordinal) && p.Done == 500);
        Assert.Contains(progress.Reports, p => p.Stage == "Creating users" && p.Done == 250);
        Assert.Contains(progress.Reports, p => p.Stage == "Creating accounts" && p.Done == 500);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Create_FailingHalfWay_LeavesNothing(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        using var stop = new CancellationTokenSource();

        // The failure comes after every user and membership was written, while the accounts are being created.
        var progress = new RecordingProgress(p =>
        {
            if (p.Stage == "Creating accounts" && p.Done >= 250)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            env.Events.CreateAsync(env.Input(500, "half-", WorkshopAccountMode.AccountPerAttendee), env.Test.Admin, progress, stop.Token));

        Assert.Contains(progress.Reports, p => p.Stage == "Creating users" && p.Done == 500);
        await using var db = await env.DbAsync();
        Assert.Equal(0, await db.Users.CountAsync(u => u.NormalizedUserName!.StartsWith("HALF-")));
        Assert.Equal(0, await db.GroupMemberships.CountAsync(m => m.GroupId == env.GroupId));
        Assert.Equal(1, await db.Accounts.CountAsync(a => !a.IsManagement));
        Assert.Equal(0, await db.OrganizationalUnits.CountAsync());
        Assert.Equal(0, await db.AccountAssignments.CountAsync());
        Assert.Equal(0, await db.Set<WorkshopEventRecord>().CountAsync());
        Assert.Equal(0, await db.Set<WorkshopAttendeeRecord>().CountAsync());
        Assert.Empty(await env.Events.ListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task End_DisablesEveryAttendee_AndTheirCredentialFailsItsNextCheck(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var created = Ok(await env.Events.CreateAsync(env.Input(3, "room-"), env.Test.Admin));
        var attendee = created.Cards[1];
        var issued = await env.Test.Get<CredentialService>().IssueAsync(new CredentialCaller(attendee.UserId, attendee.UserName, false), env.AccountId, "S3Reader");
        Assert.True(issued.Succeeded, issued.Message);
        var validator = env.Test.Root.GetRequiredService<SessionCredentialValidator>();
        Assert.True(validator.Validate(issued.Credentials!.SessionToken, issued.Credentials.AccessKeyId).Succeeded);
        env.Test.Time.Advance(TimeSpan.FromSeconds(1));

        Ok(await env.Events.EndAsync(created.EventId, env.Test.Admin));

        Assert.Equal(CredentialErrorCode.TokenRevoked, validator.Validate(issued.Credentials.SessionToken, issued.Credentials.AccessKeyId).Error?.Code);
        foreach (var card in created.Cards)
        {
            Assert.False((await env.Test.Get<IUserDirectoryService>().GetUserAsync(card.UserId))!.Enabled);
        }

        Assert.NotNull((await env.Events.GetAsync(created.EventId))!.EndedAt);
        Assert.False((await env.Test.Get<CredentialService>().IssueAsync(new CredentialCaller(attendee.UserId, attendee.UserName, false), env.AccountId, "S3Reader")).Succeeded);
        var again = await env.Events.EndAsync(created.EventId, env.Test.Admin);
        Assert.Equal(OperationErrorKind.Conflict, again.ErrorKind);
        await using var db = await env.DbAsync();
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.EventName == AuditEventNames.DisableUser));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventName == WorkshopEventAuditNames.EndWorkshopEvent));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task EndTime_EndsTheEventAtTheNextTick(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var created = Ok(await env.Events.CreateAsync(env.Input(2, "late-") with { EndsAt = env.Test.Time.GetUtcNow().AddHours(2) }, env.Test.Admin));
        var ticker = env.Test.Root.GetRequiredService<WorkshopEventsBackgroundService>();

        Assert.Equal(0, await ticker.TickAsync());
        Assert.True((await env.Test.Get<IUserDirectoryService>().GetUserAsync(created.Cards[0].UserId))!.Enabled);

        env.Test.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await ticker.TickAsync());

        var detail = (await env.Events.GetAsync(created.EventId))!;
        Assert.InRange(detail.EndedAt!.Value, env.Test.Time.GetUtcNow().AddMilliseconds(-1), env.Test.Time.GetUtcNow());
        Assert.False((await env.Test.Get<IUserDirectoryService>().GetUserAsync(created.Cards[0].UserId))!.Enabled);
        Assert.Equal(0, await ticker.TickAsync());
        await using var db = await env.DbAsync();
        var ended = await db.AuditEvents.SingleAsync(e => e.EventName == WorkshopEventAuditNames.EndWorkshopEvent);
        Assert.Contains("\"automatic\":\"true\"", ended.RequestParameters, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Delete_AfterTheEnd_RemovesUsersAccountsAndTheEventsOu(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var created = Ok(await env.Events.CreateAsync(env.Input(4, "gone-", WorkshopAccountMode.AccountPerAttendee), env.Test.Admin));
        var before = (await env.Events.GetAsync(created.EventId))!;

        var early = await env.Events.DeleteAsync(created.EventId, env.Test.Admin);
        Assert.Equal(OperationErrorKind.Conflict, early.ErrorKind);
        Assert.Contains("End the event first", early.Summary, StringComparison.Ordinal);

        Ok(await env.Events.EndAsync(created.EventId, env.Test.Admin));
        Ok(await env.Events.DeleteAsync(created.EventId, env.Test.Admin));

        await using var db = await env.DbAsync();
        Assert.Equal(0, await db.Users.CountAsync(u => u.NormalizedUserName!.StartsWith("GONE-")));
        Assert.Equal(0, await db.Accounts.CountAsync(a => a.ParentId == before.OrganizationalUnitId));
        Assert.Equal(0, await db.OrganizationalUnits.CountAsync(u => u.Id == before.OrganizationalUnitId));
        Assert.Equal(0, await db.AccountAssignments.CountAsync());
        var after = (await env.Events.GetAsync(created.EventId))!;
        Assert.NotNull(after.UsersDeletedAt);
        Assert.Equal(4, after.Attendees.Count);
        Assert.Equal(OperationErrorKind.Conflict, (await env.Events.DeleteAsync(created.EventId, env.Test.Admin)).ErrorKind);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RegenerateCards_GivesNewPasswordsAndAnAuthenticatorThatVerifies(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var created = Ok(await env.Events.CreateAsync(env.Input(2, "card-"), env.Test.Admin));
        var target = created.Cards[0];

        var cards = Ok(await env.Events.RegenerateCardsAsync(created.EventId, [target.UserId], withAuthenticator: true, env.Test.Admin));

        var card = Assert.Single(cards);
        Assert.NotEqual(target.OneTimePassword, card.OneTimePassword);
        var users = env.Test.Get<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(target.UserId))!;
        Assert.True(await users.CheckPasswordAsync(user, card.OneTimePassword));
        Assert.False(await users.CheckPasswordAsync(user, target.OneTimePassword));
        Assert.StartsWith("otpauth://totp/", card.AuthenticatorUri, StringComparison.Ordinal);
        var code = TotpVerifier.ComputeCode(TotpVerifier.FromBase32(card.AuthenticatorSecret!)!, env.Test.Time.GetUtcNow());
        Assert.True(await env.Test.Get<IMfaDeviceService>().VerifyCodeAsync(target.UserId, code));

        var stranger = await env.Events.RegenerateCardsAsync(created.EventId, [env.Test.Admin.UserId!], false, env.Test.Admin);
        Assert.Equal("UserIds", Assert.Single(stranger.Errors).Field);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Create_RefusesBadInputWithMessagesThatSayWhatToFix(string provider)
    {
        await using var env = await Env.CreateAsync(provider);

        var tooMany = await env.Events.CreateAsync(env.Input(501, "x-"), env.Test.Admin);
        Assert.Contains("1 to 500 attendees", Assert.Single(tooMany.ErrorsFor("AttendeeCount")), StringComparison.Ordinal);

        var admins = await env.Events.CreateAsync(env.Input(1, "y-") with { GroupIds = [BuiltInGroups.AdministratorsId] }, env.Test.Admin);
        Assert.Contains("administer", Assert.Single(admins.ErrorsFor("GroupIds")), StringComparison.Ordinal);

        var backwards = await env.Events.CreateAsync(env.Input(1, "z-") with { EndsAt = env.Test.Time.GetUtcNow().AddHours(-1) }, env.Test.Admin);
        Assert.Equal("The end must be after the start.", Assert.Single(backwards.ErrorsFor("EndsAt")));

        var noAccount = await env.Events.CreateAsync(env.Input(1, "w-") with { SharedAccountId = null }, env.Test.Admin);
        Assert.Single(noAccount.ErrorsFor("SharedAccountId"));

        Ok(await env.Events.CreateAsync(env.Input(2, "taken-"), env.Test.Admin));
        var taken = await env.Events.CreateAsync(env.Input(3, "taken-"), env.Test.Admin);
        Assert.Equal(OperationErrorKind.Conflict, taken.ErrorKind);
        Assert.Contains("taken-001", Assert.Single(taken.ErrorsFor("UserNamePrefix")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Create_PerGroupInTheSharedAccount_AssignsTheGroupOnce(string provider)
    {
        await using var env = await Env.CreateAsync(provider);

        var created = Ok(await env.Events.CreateAsync(env.Input(5, "grp-") with { AssignmentScope = WorkshopAssignmentScope.PerGroup }, env.Test.Admin));

        await using var db = await env.DbAsync();
        var assignment = await db.AccountAssignments.SingleAsync();
        Assert.Equal(("GROUP", env.GroupId, env.AccountId), (assignment.PrincipalType, assignment.PrincipalId, assignment.AccountId));
        var roles = await env.Test.Get<IEntitlementService>().ListRolesAsync(created.Cards[4].UserId, env.AccountId);
        Assert.Equal("S3Reader", Assert.Single(roles).RoleName);
    }

    private static T Ok<T>(OperationResult<T> result)
    {
        Assert.True(result.Succeeded, result.Summary);
        return result.Value!;
    }

    private static void Ok(OperationResult result) => Assert.True(result.Succeeded, result.Summary);

    /// <summary>Reports synchronously (as the page's handler runs), so a test can act at an exact stage.</summary>
    private sealed class RecordingProgress(Action<WorkshopEventProgress>? onReport = null) : IProgress<WorkshopEventProgress>
    {
        public List<WorkshopEventProgress> Reports { get; } = [];

        public void Report(WorkshopEventProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }

            onReport?.Invoke(value);
        }
    }

    /// <summary>A directory with an organization (one sandbox account), a group and a permission set S3Reader.</summary>
    private sealed class Env : IAsyncDisposable
    {
        private Env(TestDirectory test) => Test = test;

        public TestDirectory Test { get; }

        public IWorkshopEventService Events => Test.Get<IWorkshopEventService>();

        public string AccountId { get; private set; } = "";

        public string GroupId { get; private set; } = "";

        public string PermissionSetId { get; private set; } = "";

        public static async Task<Env> CreateAsync(string provider)
        {
            var test = await TestDirectory.CreateAsync(provider, configure: builder =>
            {
                builder.AddIdentityCenterAccessModel();
                builder.AddIdentityCenterCredentials();
                builder.AddIdentityCenterEvents();
            });
            var env = new Env(test);
            var organizations = test.Get<IOrganizationService>();
            var org = Ok(await organizations.CreateOrganizationAsync(new OrganizationInput("Management", "mgmt@example.com"), test.Admin));
            env.AccountId = Ok(await organizations.CreateAccountAsync(new AccountInput("Sandbox", "sandbox@example.com", org.RootId), test.Admin)).Id;
            env.GroupId = Ok(await test.Get<IGroupDirectoryService>().CreateGroupAsync(new GroupInput("Attendees", null), test.Admin)).Id;
            env.PermissionSetId = Ok(await test.Get<IPermissionSetService>().CreateAsync(new PermissionSetInput("S3Reader", InlinePolicy: AllowS3Read), test.Admin)).PermissionSet.Id;
            return env;
        }

        public WorkshopEventInput Input(int count, string prefix, WorkshopAccountMode mode = WorkshopAccountMode.SharedAccount) => new(
            "IAM workshop", Test.Time.GetUtcNow(), Test.Time.GetUtcNow().AddHours(8), count, prefix, [GroupId], [PermissionSetId], mode,
            SharedAccountId: mode == WorkshopAccountMode.SharedAccount ? AccountId : null);

        public Task<IdentityCenterDbContext> DbAsync() => Test.Get<IDbContextFactory<IdentityCenterDbContext>>().CreateDbContextAsync();

        public ValueTask DisposeAsync() => Test.DisposeAsync();
    }
}
