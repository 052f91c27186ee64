using IdentityCenter.Core.Administration;
using IdentityCenter.Core.Directory;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Administration;

/// <summary>
/// Administration documents attached to users and groups (built-in by name, or customer documents): they decide through the
/// shared evaluator exactly as the built-in groups' documents do, are checked by the policy parser, audited as IAM does,
/// make their holders administrators the help desk may not change, and go with the deleted principal.
/// </summary>
public sealed class AdministrationPolicyTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    private const string PermissionSetReader = """
        {"Version":"2012-10-17","Statement":[{"Sid":"ReadPermissionSets","Effect":"Allow","Action":["sso:DescribePermissionSet","sso:ListPermissionSets"],"Resource":"*"}]}
        """;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CustomDocumentOnAGroup_MembersMayDoWhatItAllows_UntilDetached(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var service = kit.Directory.Get<IAdministrationPolicyService>();
        var member = await kit.CreateUserAsync("platform1");
        var group = await kit.CreateGroupAsync("Platform");
        await kit.AddMemberAsync(group, member);
        var who = (await authorizer.FindAdministratorAsync(member))!;
        Assert.False(await authorizer.IsAllowedAsync(who, "sso:ListPermissionSets"));

        var attached = AccessTestKit.Ok(await service.PutCustomAsync(AdministrationPrincipalType.Group, group, "PermissionSetReader", PermissionSetReader, kit.Admin));

        Assert.True(await authorizer.IsAllowedAsync(who, "sso:ListPermissionSets"));
        var allowed = await authorizer.AuthorizeAsync(who, "sso:DescribePermissionSet", [AdministrationArns.Instance(await authorizer.GetScopeAsync())]);
        Assert.True(allowed.IsAllowed);
        Assert.Equal("ReadPermissionSets", allowed.DecidingStatement?.Sid);
        Assert.False((await authorizer.AuthorizeAsync(who, "sso:CreatePermissionSet", ["*"])).IsAllowed);
        Assert.Contains(await authorizer.DocumentsOfAsync(who), d => d.Name == "PermissionSetReader");

        Assert.True((await service.DetachAsync(AdministrationPrincipalType.Group, group, attached.Id, kit.Admin)).Succeeded);
        Assert.False(await authorizer.IsAllowedAsync(who, "sso:ListPermissionSets"));
        Assert.Empty(await service.ListAsync(AdministrationPrincipalType.Group, group));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BuiltInDocumentOnAUser_HoldsItWithoutTheGroup_AuditedAsIam(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var service = kit.Directory.Get<IAdministrationPolicyService>();
        var user = await kit.CreateUserAsync("deskuser");

        AccessTestKit.Ok(await service.AttachBuiltInAsync(AdministrationPrincipalType.User, user, AdministrationPolicies.HelpDeskName, kit.Admin));
        var again = await service.AttachBuiltInAsync(AdministrationPrincipalType.User, user, AdministrationPolicies.HelpDeskName, kit.Admin);

        var who = (await authorizer.FindAdministratorAsync(user))!;
        Assert.Empty(who.GroupNames);
        Assert.True(await authorizer.IsAllowedAsync(who, "identitystore:CreateUser"));
        Assert.False(await authorizer.IsAllowedAsync(who, "sso:CreatePermissionSet"));
        Assert.Equal(OperationErrorKind.Conflict, again.ErrorKind);
        Assert.Contains("already attached", again.Summary, StringComparison.Ordinal);
        await using var db = await kit.Directory.NewDbAsync();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.EventName == AdministrationPolicyAuditNames.AttachUserPolicy);
        Assert.Equal("iam.amazonaws.com", audit.EventSource);
        Assert.Equal(user, audit.TargetUserId);
        Assert.Contains(AdministrationPolicies.HelpDeskName, audit.RequestParameters, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task InvalidInput_SaysWhatToFix_NothingStored(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var service = kit.Directory.Get<IAdministrationPolicyService>();
        var group = await kit.CreateGroupAsync("Broken");

        var malformed = await service.PutCustomAsync(AdministrationPrincipalType.Group, group, "Broken", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\" } ]\n}", kit.Admin);
        var badName = await service.PutCustomAsync(AdministrationPrincipalType.Group, group, "has spaces", PermissionSetReader, kit.Admin);
        var builtInName = await service.PutCustomAsync(AdministrationPrincipalType.Group, group, AdministrationPolicies.HelpDeskName, PermissionSetReader, kit.Admin);
        var unknown = await service.AttachBuiltInAsync(AdministrationPrincipalType.Group, group, "NoSuchDocument", kit.Admin);
        var noGroup = await service.PutCustomAsync(AdministrationPrincipalType.Group, "no-such-group", "Fine", PermissionSetReader, kit.Admin);

        Assert.Contains("Line 3", malformed.Summary, StringComparison.Ordinal);
        Assert.Contains("IAM policy names", badName.Summary, StringComparison.Ordinal);
        Assert.Contains("built-in document", builtInName.Summary, StringComparison.Ordinal);
        Assert.Contains(AdministrationPolicies.FullAdministrationName, unknown.Summary, StringComparison.Ordinal);
        Assert.Equal(OperationErrorKind.NotFound, noGroup.ErrorKind);
        Assert.Empty(await service.ListAsync(AdministrationPrincipalType.Group, group));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task HelpDesk_MayNotChangeHoldersOfAttachedDocuments_NorJoinTheirGroups(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var service = kit.Directory.Get<IAdministrationPolicyService>();
        var desk = await kit.CreateUserAsync("desk");
        await kit.AddMemberAsync(BuiltInGroups.HelpDeskId, desk);
        var holder = await kit.CreateUserAsync("holder");
        var group = await kit.CreateGroupAsync("PlatformAdmins");
        var plain = await kit.CreateGroupAsync("Plain");
        AccessTestKit.Ok(await service.AttachBuiltInAsync(AdministrationPrincipalType.Group, group, AdministrationPolicies.FullAdministrationName, kit.Admin));
        AccessTestKit.Ok(await service.PutCustomAsync(AdministrationPrincipalType.User, holder, "PermissionSetReader", PermissionSetReader, kit.Admin));
        var who = (await authorizer.FindAdministratorAsync(desk))!;
        var scope = await authorizer.GetScopeAsync();

        // An ordinary user added to a group that holds documents would become an administrator: refused.
        var joinAdminGroup = await authorizer.AuthorizeAsync(who, "identitystore:CreateGroupMembership",
            [AdministrationArns.IdentityStore(scope), AdministrationArns.Group(group), AdministrationArns.User(await kit.CreateUserAsync("ordinary"))]);
        var joinPlainGroup = await authorizer.AuthorizeAsync(who, "identitystore:CreateGroupMembership",
            [AdministrationArns.IdentityStore(scope), AdministrationArns.Group(plain), AdministrationArns.User(await kit.CreateUserAsync("someone"))]);
        var resetHolder = await authorizer.AuthorizeAsync(who, "sso-directory:UpdatePassword", ["*"], subjectUserId: holder);

        Assert.Equal(Decision.ExplicitDeny, joinAdminGroup.Decision);
        Assert.Equal("NoChangesToAdministrators", joinAdminGroup.DecidingStatement?.Sid);
        Assert.True(joinPlainGroup.IsAllowed);
        Assert.Equal(Decision.ExplicitDeny, resetHolder.Decision);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DeletedGroup_ItsDocumentsGoWithIt_FormerMembersLoseTheRights(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var authorizer = kit.Directory.Get<IAdministrativeAuthorizer>();
        var service = kit.Directory.Get<IAdministrationPolicyService>();
        var member = await kit.CreateUserAsync("member");
        var group = await kit.CreateGroupAsync("Temporary");
        await kit.AddMemberAsync(group, member);
        AccessTestKit.Ok(await service.PutCustomAsync(AdministrationPrincipalType.Group, group, "PermissionSetReader", PermissionSetReader, kit.Admin));
        var who = (await authorizer.FindAdministratorAsync(member))!;
        Assert.True(await authorizer.IsAllowedAsync(who, "sso:ListPermissionSets"));

        Assert.True((await kit.Directory.Get<IGroupDirectoryService>().DeleteGroupAsync(group, kit.Admin)).Succeeded);

        await using var db = await kit.Directory.NewDbAsync();
        Assert.Empty(await db.AdministrationPolicies.AsNoTracking().ToListAsync());
        Assert.False(await authorizer.IsAllowedAsync(who, "sso:ListPermissionSets"));
    }
}
