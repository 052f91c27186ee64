using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Administration;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.UserAccessKeys;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.IdentityStore;

/// <summary>
/// The Identity Store API (identitystore 2020-06-15) at /aws/identitystore, driven by boto3 against the real host: every
/// operation's success path, the model's errors (with ResourceType/ResourceId and Reason), paging, the console's services
/// seeing the API's changes and the reverse, the audit trail, the built-in help desk and auditor documents, and the
/// Terraform AWS provider's call sequences for aws_identitystore_user and aws_identitystore_group_membership.
/// </summary>
public sealed class IdentityStoreApiTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    /// <summary>
    /// Defines <c>loose</c> (a client that skips botocore's own parameter validation, to send what the server must refuse)
    /// and <c>raw(op, c, **params)</c>, which answers like <c>call</c> plus the error's other members (<c>members</c>).
    /// </summary>
    private const string Helpers = """
        loose = boto3.client("identitystore", endpoint_url=_a["url"], region_name=_a["region"], aws_access_key_id=_a["key"],
                             aws_secret_access_key=_a["secret"], config=Config(parameter_validation=False, retries={"total_max_attempts": 1}))
        def raw(op, c=None, **params):
            try:
                r = getattr(c or client, op)(**params)
                r.pop("ResponseMetadata", None)
                return {"ok": json.loads(json.dumps(r, default=str))}
            except ClientError as e:
                r = dict(e.response)
                md = r.pop("ResponseMetadata", {})
                err = r.pop("Error", {})
                return {"code": err.get("Code"), "message": err.get("Message", ""), "status": md.get("HTTPStatusCode"),
                        "errorType": md.get("HTTPHeaders", {}).get("x-amzn-errortype"),
                        "members": json.loads(json.dumps(r, default=str))}
        s = args.get("store")

        """;

    private string Url => new Uri(host.BaseUrl, "aws/identitystore").ToString();

    private JsonElement Run(string body, object args, string key = AdminApiHost.BootstrapKeyId, string secret = AdminApiHost.BootstrapSecret) =>
        Boto3.Script("identitystore", Url, key, secret, Helpers + body, args);

    private async Task<string> StoreIdAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAdministrativeAuthorizer>().GetScopeAsync()).IdentityStoreId;
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>A user (in <paramref name="groupId"/> when given) with an access key.</summary>
    private async Task<(string UserId, string KeyId, string Secret)> UserWithKeyAsync(string userName, string? groupId = null) =>
        await WithAsync(async services =>
        {
            var created = await services.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(userName, userName), Actor.System);
            Assert.True(created.Succeeded, created.Summary);
            var userId = created.Value!.User.Id;
            if (groupId is not null)
            {
                var added = await services.GetRequiredService<IGroupDirectoryService>().AddMembersAsync(groupId, [userId], Actor.System);
                Assert.True(added.Succeeded, added.Summary);
            }

            var key = await services.GetRequiredService<IAccessKeyService>().CreateAsync(userId, Actor.System);
            Assert.True(key.Succeeded, key.Summary);
            return (userId, key.Value!.Key.AccessKeyId, key.Value.SecretAccessKey);
        });

    private static void AssertNotFound(JsonElement result, string resourceType, string? resourceId = null)
    {
        Boto3.AssertError(result, "ResourceNotFoundException");
        Assert.Equal(resourceType, result.GetProperty("members").GetProperty("ResourceType").GetString());
        if (resourceId is not null)
        {
            Assert.Equal(resourceId, result.GetProperty("members").GetProperty("ResourceId").GetString());
        }
    }

    [PythonFact]
    public async Task Users_CreateDescribeUpdateGetIdListDelete_AndTheConsoleServiceSeesTheSameUser()
    {
        var store = await StoreIdAsync();
        var first = Run("""
            out = {}
            out["create"] = call("create_user", IdentityStoreId=s, UserName="ana.api", DisplayName="Ana Silva",
                                 Name={"GivenName": "Ana", "FamilyName": "Silva"}, Emails=[{"Value": "ana@example.com"}])
            uid = out["create"]["ok"]["UserId"]
            out["describe"] = call("describe_user", IdentityStoreId=s, UserId=uid)
            out["update"] = call("update_user", IdentityStoreId=s, UserId=uid, Operations=[
                {"AttributePath": "displayName", "AttributeValue": "Ana M. Silva"},
                {"AttributePath": "name.familyName", "AttributeValue": "Moreira"},
                {"AttributePath": "emails", "AttributeValue": [{"value": "ana.m@example.com", "primary": False}]}])
            out["updated"] = call("describe_user", IdentityStoreId=s, UserId=uid)
            out["getId"] = call("get_user_id", IdentityStoreId=s, AlternateIdentifier={"UniqueAttribute": {"AttributePath": "userName", "AttributeValue": "ANA.API"}})
            out["filtered"] = call("list_users", IdentityStoreId=s, Filters=[{"AttributePath": "UserName", "AttributeValue": "ana.api"}])
            out["all"] = call("list_users", IdentityStoreId=s)
            print(json.dumps(out))
            """, new { store });

        var userId = Boto3.Ok(first.GetProperty("create")).GetProperty("UserId").GetString()!;
        Assert.Equal(store, Boto3.Ok(first.GetProperty("create")).GetProperty("IdentityStoreId").GetString());
        var described = Boto3.Ok(first.GetProperty("describe"));
        Assert.Equal("ana.api", described.GetProperty("UserName").GetString());
        Assert.Equal("Ana", described.GetProperty("Name").GetProperty("GivenName").GetString());
        Assert.Equal("ana@example.com", described.GetProperty("Emails")[0].GetProperty("Value").GetString());
        Assert.Equal("ENABLED", described.GetProperty("UserStatus").GetString());
        Assert.StartsWith(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), described.GetProperty("CreatedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal("admin", described.GetProperty("CreatedBy").GetString());
        Boto3.Ok(first.GetProperty("update"));
        var updated = Boto3.Ok(first.GetProperty("updated"));
        Assert.Equal("Ana M. Silva", updated.GetProperty("DisplayName").GetString());
        Assert.Equal("Moreira", updated.GetProperty("Name").GetProperty("FamilyName").GetString());
        Assert.Equal("Ana", updated.GetProperty("Name").GetProperty("GivenName").GetString());
        Assert.Equal("ana.m@example.com", updated.GetProperty("Emails")[0].GetProperty("Value").GetString());
        Assert.Equal(userId, Boto3.Ok(first.GetProperty("getId")).GetProperty("UserId").GetString());
        Assert.Equal(userId, Boto3.Ok(first.GetProperty("filtered")).GetProperty("Users").EnumerateArray().Single().GetProperty("UserId").GetString());
        Assert.Contains(Boto3.Ok(first.GetProperty("all")).GetProperty("Users").EnumerateArray(), u => u.GetProperty("UserName").GetString() == "admin");

        // The console's service sees the API's user, and the API sees the console's changes.
        var detail = await WithAsync(s => s.GetRequiredService<IUserDirectoryService>().GetUserAsync(userId));
        Assert.Equal(("Ana M. Silva", "Ana", "Moreira", "ana.m@example.com"), (detail!.DisplayName, detail.GivenName, detail.FamilyName, detail.Email));
        await WithAsync(async s =>
        {
            var users = s.GetRequiredService<IUserDirectoryService>();
            Assert.True((await users.UpdateUserAsync(userId, detail.Profile with { DisplayName = "Changed In Console", Email = null }, Actor.System)).Succeeded);
            return (await users.SetEnabledAsync(userId, false, Actor.System)).Succeeded;
        });

        var second = Run("""
            out = {}
            out["describe"] = call("describe_user", IdentityStoreId=args["store"], UserId=args["user"])
            out["delete"] = call("delete_user", IdentityStoreId=s, UserId=args["user"])
            out["gone"] = raw("describe_user", IdentityStoreId=s, UserId=args["user"])
            out["again"] = raw("delete_user", IdentityStoreId=s, UserId=args["user"])
            print(json.dumps(out))
            """, new { store, user = userId });

        var fromConsole = Boto3.Ok(second.GetProperty("describe"));
        Assert.Equal("Changed In Console", fromConsole.GetProperty("DisplayName").GetString());
        Assert.Equal("DISABLED", fromConsole.GetProperty("UserStatus").GetString());
        Assert.False(fromConsole.TryGetProperty("Emails", out _));
        Boto3.Ok(second.GetProperty("delete"));
        AssertNotFound(second.GetProperty("gone"), "USER", userId);
        AssertNotFound(second.GetProperty("again"), "USER", userId);
        Assert.Null(await WithAsync(s => s.GetRequiredService<IUserDirectoryService>().GetUserAsync(userId)));
    }

    [PythonFact]
    public async Task GroupsAndMemberships_EveryOperation_AndTheConsoleServiceSeesTheSame()
    {
        var store = await StoreIdAsync();
        var (consoleGroupId, memberId) = await WithAsync(async s =>
        {
            var group = await s.GetRequiredService<IGroupDirectoryService>().CreateGroupAsync(new GroupInput("Made In Console", "from the console"), Actor.System);
            var user = await s.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("gil.member", "Gil"), Actor.System);
            Assert.True((await s.GetRequiredService<IGroupDirectoryService>().AddMembersAsync(group.Value!.Id, [user.Value!.User.Id], Actor.System)).Succeeded);
            return (group.Value.Id, user.Value.User.Id);
        });

        var result = Run("""
            out = {}
            out["consoleGroup"] = call("list_groups", IdentityStoreId=s, Filters=[{"AttributePath": "DisplayName", "AttributeValue": "made in console"}])
            out["consoleMembers"] = call("list_group_memberships", IdentityStoreId=s, GroupId=args["consoleGroup"])
            out["create"] = call("create_group", IdentityStoreId=s, DisplayName="Api Engineers", Description="made by the API")
            gid = out["create"]["ok"]["GroupId"]
            out["describe"] = call("describe_group", IdentityStoreId=s, GroupId=gid)
            out["update"] = call("update_group", IdentityStoreId=s, GroupId=gid, Operations=[{"AttributePath": "description", "AttributeValue": "changed"}])
            out["updated"] = call("describe_group", IdentityStoreId=s, GroupId=gid)
            out["getId"] = call("get_group_id", IdentityStoreId=s, AlternateIdentifier={"UniqueAttribute": {"AttributePath": "displayName", "AttributeValue": "api engineers"}})
            out["groups"] = call("list_groups", IdentityStoreId=s, MaxResults=2)
            out["groupsNext"] = call("list_groups", IdentityStoreId=s, MaxResults=2, NextToken=out["groups"]["ok"]["NextToken"])
            m = {"UserId": args["member"]}
            out["join"] = call("create_group_membership", IdentityStoreId=s, GroupId=gid, MemberId=m)
            mid = out["join"]["ok"]["MembershipId"]
            out["duplicate"] = raw("create_group_membership", IdentityStoreId=s, GroupId=gid, MemberId=m)
            out["describeMembership"] = call("describe_group_membership", IdentityStoreId=s, MembershipId=mid)
            out["members"] = call("list_group_memberships", IdentityStoreId=s, GroupId=gid)
            out["forMember"] = call("list_group_memberships_for_member", IdentityStoreId=s, MemberId=m, MaxResults=1)
            out["forMemberNext"] = call("list_group_memberships_for_member", IdentityStoreId=s, MemberId=m, MaxResults=1, NextToken=out["forMember"]["ok"]["NextToken"])
            out["membershipId"] = call("get_group_membership_id", IdentityStoreId=s, GroupId=gid, MemberId=m)
            other = "11111111-2222-3333-4444-555555555555"
            out["isMember"] = call("is_member_in_groups", IdentityStoreId=s, MemberId=m, GroupIds=[gid, other])
            out["leave"] = call("delete_group_membership", IdentityStoreId=s, MembershipId=mid)
            out["left"] = raw("describe_group_membership", IdentityStoreId=s, MembershipId=mid)
            out["isMemberAfter"] = call("is_member_in_groups", IdentityStoreId=s, MemberId=m, GroupIds=[gid])
            out["notMember"] = raw("get_group_membership_id", IdentityStoreId=s, GroupId=gid, MemberId=m)
            out["delete"] = call("delete_group", IdentityStoreId=s, GroupId=gid)
            out["gone"] = raw("describe_group", IdentityStoreId=s, GroupId=gid)
            out["gid"] = gid
            out["mid"] = mid
            print(json.dumps(out))
            """, new { store, consoleGroup = consoleGroupId, member = memberId });

        var consoleGroup = Boto3.Ok(result.GetProperty("consoleGroup")).GetProperty("Groups").EnumerateArray().Single();
        Assert.Equal((consoleGroupId, "from the console"), (consoleGroup.GetProperty("GroupId").GetString(), consoleGroup.GetProperty("Description").GetString()));
        Assert.Equal(memberId, Boto3.Ok(result.GetProperty("consoleMembers")).GetProperty("GroupMemberships")[0].GetProperty("MemberId").GetProperty("UserId").GetString());
        var groupId = result.GetProperty("gid").GetString()!;
        var membershipId = result.GetProperty("mid").GetString()!;
        Assert.Equal("made by the API", Boto3.Ok(result.GetProperty("describe")).GetProperty("Description").GetString());
        Assert.Equal("Api Engineers", Boto3.Ok(result.GetProperty("updated")).GetProperty("DisplayName").GetString());
        Assert.Equal("changed", Boto3.Ok(result.GetProperty("updated")).GetProperty("Description").GetString());
        Assert.Equal(groupId, Boto3.Ok(result.GetProperty("getId")).GetProperty("GroupId").GetString());
        Assert.Equal(2, Boto3.Ok(result.GetProperty("groups")).GetProperty("Groups").GetArrayLength());
        Assert.Equal(2, Boto3.Ok(result.GetProperty("groupsNext")).GetProperty("Groups").GetArrayLength());
        Assert.True(Guid.TryParse(membershipId, out _));
        Boto3.AssertError(result.GetProperty("duplicate"), "ConflictException");
        Assert.Equal("UNIQUENESS_CONSTRAINT_VIOLATION", result.GetProperty("duplicate").GetProperty("members").GetProperty("Reason").GetString());
        var described = Boto3.Ok(result.GetProperty("describeMembership"));
        Assert.Equal((groupId, memberId), (described.GetProperty("GroupId").GetString(), described.GetProperty("MemberId").GetProperty("UserId").GetString()));
        Assert.Equal(membershipId, Boto3.Ok(result.GetProperty("members")).GetProperty("GroupMemberships").EnumerateArray().Single().GetProperty("MembershipId").GetString());
        var pages = new[] { Boto3.Ok(result.GetProperty("forMember")), Boto3.Ok(result.GetProperty("forMemberNext")) };
        var memberGroups = pages.SelectMany(p => p.GetProperty("GroupMemberships").EnumerateArray()).Select(m => m.GetProperty("GroupId").GetString()).ToList();
        Assert.Equal(2, memberGroups.Count);
        Assert.Contains(consoleGroupId, memberGroups);
        Assert.Contains(groupId, memberGroups);
        Assert.False(pages[1].TryGetProperty("NextToken", out _));
        Assert.Equal(membershipId, Boto3.Ok(result.GetProperty("membershipId")).GetProperty("MembershipId").GetString());
        var results = Boto3.Ok(result.GetProperty("isMember")).GetProperty("Results");
        Assert.Equal([true, false], results.EnumerateArray().Select(r => r.GetProperty("MembershipExists").GetBoolean()));
        Assert.False(Boto3.Ok(result.GetProperty("isMemberAfter")).GetProperty("Results")[0].GetProperty("MembershipExists").GetBoolean());
        AssertNotFound(result.GetProperty("left"), "GROUP_MEMBERSHIP", membershipId);
        AssertNotFound(result.GetProperty("notMember"), "GROUP_MEMBERSHIP");
        AssertNotFound(result.GetProperty("gone"), "GROUP", groupId);
        Assert.Null(await WithAsync(s => s.GetRequiredService<IGroupDirectoryService>().GetGroupAsync(groupId)));
        Assert.Null(await WithAsync(s => s.GetRequiredService<IGroupDirectoryService>().GetMembershipAsync(membershipId)));
    }

    [PythonFact]
    public async Task InvalidInput_NotFound_Conflict_WrongStore_BadToken_AnswerAsTheModelSays()
    {
        var store = await StoreIdAsync();
        var result = Run("""
            out = {}
            u = "11111111-2222-3333-4444-555555555555"
            out["noStore"] = raw("list_users", loose)
            out["badStore"] = raw("list_users", loose, IdentityStoreId="store-1")
            out["longName"] = raw("create_user", loose, IdentityStoreId=s, UserName="x" * 129, DisplayName="X")
            out["spaceName"] = raw("create_user", loose, IdentityStoreId=s, UserName="has space", DisplayName="X")
            out["noName"] = raw("create_user", loose, IdentityStoreId=s, DisplayName="X")
            out["reserved"] = raw("create_user", IdentityStoreId=s, UserName="Administrator", DisplayName="X")
            out["badEmail"] = raw("create_user", IdentityStoreId=s, UserName="bad.email", DisplayName="X", Emails=[{"Value": "not-an-address"}])
            out["nickName"] = raw("create_user", IdentityStoreId=s, UserName="nick", DisplayName="X", NickName="Nicky")
            out["badUserId"] = raw("describe_user", loose, IdentityStoreId=s, UserId="not-a-uuid")
            out["noUserId"] = raw("describe_user", loose, IdentityStoreId=s)
            out["max0"] = raw("list_users", loose, IdentityStoreId=s, MaxResults=0)
            out["max101"] = raw("list_users", loose, IdentityStoreId=s, MaxResults=101)
            out["tokenPattern"] = raw("list_users", loose, IdentityStoreId=s, NextToken="not a token!")
            groupsToken = call("list_groups", IdentityStoreId=s, MaxResults=1)["ok"]["NextToken"]
            out["foreignToken"] = raw("list_users", IdentityStoreId=s, NextToken=groupsToken)
            out["wrongStore"] = raw("list_users", IdentityStoreId="d-9999999999")
            out["unknownUser"] = raw("describe_user", IdentityStoreId=s, UserId=u)
            out["updateUnknown"] = raw("update_user", IdentityStoreId=s, UserId=u, Operations=[{"AttributePath": "displayName", "AttributeValue": "X"}])
            out["first"] = call("create_user", IdentityStoreId=s, UserName="dup.user", DisplayName="Dup")
            out["duplicate"] = raw("create_user", IdentityStoreId=s, UserName="DUP.user", DisplayName="Dup")
            uid = out["first"]["ok"]["UserId"]
            out["noOperations"] = raw("update_user", loose, IdentityStoreId=s, UserId=uid, Operations=[])
            out["badPath"] = raw("update_user", IdentityStoreId=s, UserId=uid, Operations=[{"AttributePath": "name..x", "AttributeValue": "X"}])
            out["unstoredPath"] = raw("update_user", IdentityStoreId=s, UserId=uid, Operations=[{"AttributePath": "nickName", "AttributeValue": "X"}])
            out["rename"] = raw("update_user", IdentityStoreId=s, UserId=uid, Operations=[{"AttributePath": "userName", "AttributeValue": "other"}])
            out["emptyDisplay"] = raw("update_user", IdentityStoreId=s, UserId=uid, Operations=[{"AttributePath": "displayName"}])
            out["groupDup1"] = call("create_group", IdentityStoreId=s, DisplayName="Dup Group")
            out["groupDup2"] = raw("create_group", IdentityStoreId=s, DisplayName="dup group")
            out["noGroup"] = raw("create_group_membership", IdentityStoreId=s, GroupId=u, MemberId={"UserId": uid})
            out["noMember"] = raw("create_group_membership", IdentityStoreId=s, GroupId=out["groupDup1"]["ok"]["GroupId"], MemberId={"UserId": u})
            out["noMembership"] = raw("describe_group_membership", IdentityStoreId=s, MembershipId=u)
            out["unionEmpty"] = raw("list_group_memberships_for_member", loose, IdentityStoreId=s, MemberId={})
            out["externalId"] = raw("get_user_id", IdentityStoreId=s, AlternateIdentifier={"ExternalId": {"Issuer": "idp", "Id": "42"}})
            out["byEmail"] = raw("get_user_id", IdentityStoreId=s, AlternateIdentifier={"UniqueAttribute": {"AttributePath": "emails.value", "AttributeValue": "a@b.c"}})
            out["noSuchName"] = raw("get_group_id", IdentityStoreId=s, AlternateIdentifier={"UniqueAttribute": {"AttributePath": "displayName", "AttributeValue": "nope"}})
            out["builtIn"] = raw("delete_group", IdentityStoreId=s, GroupId=args["admins"])
            out["tooManyGroups"] = raw("is_member_in_groups", loose, IdentityStoreId=s, MemberId={"UserId": uid}, GroupIds=[u] * 101)
            print(json.dumps(out))
            """, new { store, admins = BuiltInGroups.AdministratorsId });

        string Invalid(string name) => Boto3.AssertError(result.GetProperty(name), "ValidationException");
        Assert.Contains("'identityStoreId'", Invalid("noStore"), StringComparison.Ordinal);
        Assert.Contains("regular expression pattern", Invalid("badStore"), StringComparison.Ordinal);
        Assert.Contains("less than or equal to 128", Invalid("longName"), StringComparison.Ordinal);
        Assert.Contains("'userName'", Invalid("spaceName"), StringComparison.Ordinal);
        Assert.Contains("Enter a user name.", Invalid("noName"), StringComparison.Ordinal);
        Assert.Contains("reserved name", Invalid("reserved"), StringComparison.Ordinal);
        Assert.Contains("is not an email address", Invalid("badEmail"), StringComparison.Ordinal);
        Assert.Contains("'nickName'", Invalid("nickName"), StringComparison.Ordinal);
        Assert.Contains("'userId'", Invalid("badUserId"), StringComparison.Ordinal);
        Assert.Contains("must not be null", Invalid("noUserId"), StringComparison.Ordinal);
        Assert.Contains("greater than or equal to 1", Invalid("max0"), StringComparison.Ordinal);
        Assert.Contains("less than or equal to 100", Invalid("max101"), StringComparison.Ordinal);
        Assert.Contains("'nextToken'", Invalid("tokenPattern"), StringComparison.Ordinal);
        Assert.Contains("not one that ListUsers issued", Invalid("foreignToken"), StringComparison.Ordinal);
        AssertNotFound(result.GetProperty("wrongStore"), "IDENTITY_STORE", "d-9999999999");
        Assert.Contains(store, result.GetProperty("wrongStore").GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertNotFound(result.GetProperty("unknownUser"), "USER", "11111111-2222-3333-4444-555555555555");
        AssertNotFound(result.GetProperty("updateUnknown"), "USER", "11111111-2222-3333-4444-555555555555");
        Boto3.AssertError(result.GetProperty("duplicate"), "ConflictException");
        Assert.Equal("UNIQUENESS_CONSTRAINT_VIOLATION", result.GetProperty("duplicate").GetProperty("members").GetProperty("Reason").GetString());
        Assert.Contains("greater than or equal to 1", Invalid("noOperations"), StringComparison.Ordinal);
        Assert.Contains("'operations.1.member.attributePath'", Invalid("badPath"), StringComparison.Ordinal);
        Assert.Contains("does not store the user attribute 'nickName'", Invalid("unstoredPath"), StringComparison.Ordinal);
        Assert.Contains("user names never change", Invalid("rename"), StringComparison.Ordinal);
        Assert.Contains("Enter a display name.", Invalid("emptyDisplay"), StringComparison.Ordinal);
        Boto3.AssertError(result.GetProperty("groupDup2"), "ConflictException");
        Assert.Equal("UNIQUENESS_CONSTRAINT_VIOLATION", result.GetProperty("groupDup2").GetProperty("members").GetProperty("Reason").GetString());
        AssertNotFound(result.GetProperty("noGroup"), "GROUP", "11111111-2222-3333-4444-555555555555");
        AssertNotFound(result.GetProperty("noMember"), "USER", "11111111-2222-3333-4444-555555555555");
        AssertNotFound(result.GetProperty("noMembership"), "GROUP_MEMBERSHIP", "11111111-2222-3333-4444-555555555555");
        Assert.Contains("exactly one member of the union", Invalid("unionEmpty"), StringComparison.Ordinal);
        AssertNotFound(result.GetProperty("externalId"), "USER");
        Assert.Contains("userName", Invalid("byEmail"), StringComparison.Ordinal);
        AssertNotFound(result.GetProperty("noSuchName"), "GROUP");
        Assert.Contains("cannot be deleted", Boto3.AssertError(result.GetProperty("builtIn"), "AccessDeniedException"), StringComparison.Ordinal);
        Assert.Contains("less than or equal to 100", Invalid("tooManyGroups"), StringComparison.Ordinal);
    }

    [PythonFact]
    public async Task ListUsers_Over250Users_PagesWithNextTokenAndThePaginator()
    {
        var store = await StoreIdAsync();
        await host.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 260; i++)
            {
                var name = $"page.user.{i:D3}";
                db.Users.Add(new ApplicationUser
                {
                    UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = "Page " + i, NormalizedDisplayName = "PAGE " + i,
                    CreatedAt = now, CreatedBy = "test", UpdatedAt = now, UpdatedBy = "test", SecurityStamp = Guid.NewGuid().ToString(),
                });
            }

            return await db.SaveChangesAsync();
        });
        var total = (await WithAsync(s => s.GetRequiredService<IUserDirectoryService>().ListUsersAsync(new UserQuery(PageSize: 1)))).TotalCount;

        var result = Run("""
            names, pages, token = [], 0, None
            while True:
                p = {"IdentityStoreId": s, "MaxResults": 100}
                if token: p["NextToken"] = token
                r = client.list_users(**p)
                pages += 1
                names += [u["UserName"] for u in r["Users"]]
                token = r.get("NextToken")
                if not token: break
            paged = [u["UserName"] for page in client.get_paginator("list_users").paginate(IdentityStoreId=s, PaginationConfig={"PageSize": 37}) for u in page["Users"]]
            print(json.dumps({"names": names, "pages": pages, "paginated": paged}))
            """, new { store });

        var names = result.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(total, names.Count);
        Assert.True(total > 250);
        Assert.Equal((total + 99) / 100, result.GetProperty("pages").GetInt32());
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(names.OrderBy(n => n.ToUpperInvariant(), StringComparer.Ordinal), names);
        Assert.Equal(names, result.GetProperty("paginated").EnumerateArray().Select(n => n.GetString()!));
    }

    [PythonFact]
    public async Task EveryCall_LandsInTheAuditLog_WithTheServiceEventSourceAndTheAccessKey()
    {
        var store = await StoreIdAsync();
        var (_, keyId, secret) = await UserWithKeyAsync("audit.admin", BuiltInGroups.AdministratorsId);

        var result = Run("""
            out = {}
            uid = call("create_user", IdentityStoreId=s, UserName="audited.user", DisplayName="Audited")["ok"]["UserId"]
            call("list_users", IdentityStoreId=s, MaxResults=1)
            call("describe_user", IdentityStoreId=s, UserId="11111111-2222-3333-4444-555555555555")
            gid = call("create_group", IdentityStoreId=s, DisplayName="Audited Group")["ok"]["GroupId"]
            call("create_group_membership", IdentityStoreId=s, GroupId=gid, MemberId={"UserId": uid})
            print(json.dumps(out))
            """, new { store }, keyId, secret);

        var events = (await WithAsync(s => s.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(User: "audit.admin", PageSize: 500)))).Items
            .Where(e => e.UserIdentity.AccessKeyId == keyId).ToList();
        Assert.All(events, e => Assert.Equal(AuditEventSources.IdentityStore, e.EventSource));
        Assert.Equal(
            ["AddMemberToGroup", "CreateGroup", "CreateUser", "DescribeUser", "ListUsers"],
            events.Select(e => e.EventName).Order(StringComparer.Ordinal));
        Assert.Equal("ResourceNotFoundException", events.Single(e => e.EventName == "DescribeUser").ErrorCode);
    }

    [PythonFact]
    public async Task HelpDeskKey_CreatesUsersAndMemberships_NotInTheAdministratorsGroup_AuditorKey_ReadsOnly_InvalidInputIsAnsweredFirst()
    {
        var store = await StoreIdAsync();
        var helpDesk = await UserWithKeyAsync("desk.key", BuiltInGroups.HelpDeskId);
        var auditor = await UserWithKeyAsync("auditor.key", BuiltInGroups.AuditorsId);

        var desk = Run("""
            out = {}
            out["create"] = call("create_user", IdentityStoreId=s, UserName="made.by.desk", DisplayName="Desk Made")
            uid = out["create"]["ok"]["UserId"]
            gid = call("create_group", IdentityStoreId=s, DisplayName="Desk Group")["ok"]["GroupId"]
            out["join"] = call("create_group_membership", IdentityStoreId=s, GroupId=gid, MemberId={"UserId": uid})
            out["joinAdmins"] = call("create_group_membership", IdentityStoreId=s, GroupId=args["admins"], MemberId={"UserId": uid})
            out["delete"] = call("delete_user", IdentityStoreId=s, UserId=uid)
            print(json.dumps(out))
            """, new { store, admins = BuiltInGroups.AdministratorsId }, helpDesk.KeyId, helpDesk.Secret);
        var audit = Run("""
            out = {}
            out["create"] = call("create_user", IdentityStoreId=s, UserName="made.by.auditor", DisplayName="Auditor Made")
            out["list"] = call("list_users", IdentityStoreId=s, MaxResults=2)
            out["invalid"] = raw("create_user", loose, IdentityStoreId="not-a-store", UserName="x", DisplayName="X")
            print(json.dumps(out))
            """, new { store }, auditor.KeyId, auditor.Secret);

        Boto3.Ok(desk.GetProperty("create"));
        Boto3.Ok(desk.GetProperty("join"));
        Boto3.AssertError(desk.GetProperty("joinAdmins"), "AccessDeniedException");
        Assert.Contains("identitystore:DeleteUser", Boto3.AssertError(desk.GetProperty("delete"), "AccessDeniedException"), StringComparison.Ordinal);
        Assert.Contains("identitystore:CreateUser", Boto3.AssertError(audit.GetProperty("create"), "AccessDeniedException"), StringComparison.Ordinal);
        Assert.Equal(2, Boto3.Ok(audit.GetProperty("list")).GetProperty("Users").GetArrayLength());
        Assert.True(Boto3.Ok(audit.GetProperty("list")).TryGetProperty("NextToken", out _));
        Boto3.AssertError(audit.GetProperty("invalid"), "ValidationException");
        Assert.Null(await WithAsync(s => s.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("made.by.auditor")));
        var deskUser = await WithAsync(s => s.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync("made.by.desk"));
        Assert.False(deskUser!.IsAdministrator);
    }

    /// <summary>
    /// aws_identitystore_user as the provider drives it: CreateUser then DescribeUser (create), DescribeUser (refresh),
    /// UpdateUser with the changed attributes' paths (emails as a whole list of lower-case objects) then DescribeUser,
    /// DescribeUser by the imported id <c>store/user</c>, DeleteUser, and a refresh that finds the user gone; a second
    /// delete's ResourceNotFoundException is what the provider ignores.
    /// </summary>
    [PythonFact]
    public async Task Terraform_IdentityStoreUser_CreateReadUpdateImportDelete()
    {
        var store = await StoreIdAsync();
        var result = Run("""
            out = {}
            c = call("create_user", IdentityStoreId=s, UserName="tf.user", DisplayName="Tf User",
                     Name={"FamilyName": "User", "GivenName": "Tf"}, Emails=[{"Value": "tf@example.com"}])
            uid = c["ok"]["UserId"]
            state_id = s + "/" + uid
            out["read"] = call("describe_user", IdentityStoreId=s, UserId=uid)
            out["refresh"] = call("describe_user", IdentityStoreId=s, UserId=uid)
            out["update"] = call("update_user", IdentityStoreId=s, UserId=uid, Operations=[
                {"AttributePath": "displayName", "AttributeValue": "Tf User Renamed"},
                {"AttributePath": "name.givenName", "AttributeValue": "Terra"},
                {"AttributePath": "emails", "AttributeValue": [{"primary": False, "value": "terra@example.com"}]}])
            out["afterUpdate"] = call("describe_user", IdentityStoreId=s, UserId=uid)
            imported_store, imported_user = state_id.split("/")
            out["import"] = call("describe_user", IdentityStoreId=imported_store, UserId=imported_user)
            out["delete"] = call("delete_user", IdentityStoreId=s, UserId=uid)
            out["refreshGone"] = raw("describe_user", IdentityStoreId=s, UserId=uid)
            out["deleteAgain"] = raw("delete_user", IdentityStoreId=s, UserId=uid)
            print(json.dumps(out))
            """, new { store });

        var read = Boto3.Ok(result.GetProperty("read"));
        Assert.Equal(("tf.user", "Tf User", store), (read.GetProperty("UserName").GetString(), read.GetProperty("DisplayName").GetString(), read.GetProperty("IdentityStoreId").GetString()));
        Assert.Equal(read.ToString(), Boto3.Ok(result.GetProperty("refresh")).ToString());
        var updated = Boto3.Ok(result.GetProperty("afterUpdate"));
        Assert.Equal("Tf User Renamed", updated.GetProperty("DisplayName").GetString());
        Assert.Equal(("Terra", "User"), (updated.GetProperty("Name").GetProperty("GivenName").GetString(), updated.GetProperty("Name").GetProperty("FamilyName").GetString()));
        Assert.Equal("terra@example.com", updated.GetProperty("Emails")[0].GetProperty("Value").GetString());
        Assert.Equal(updated.GetProperty("UserId").GetString(), Boto3.Ok(result.GetProperty("import")).GetProperty("UserId").GetString());
        Boto3.Ok(result.GetProperty("delete"));
        AssertNotFound(result.GetProperty("refreshGone"), "USER");
        AssertNotFound(result.GetProperty("deleteAgain"), "USER");
    }

    /// <summary>
    /// aws_identitystore_group_membership as the provider drives it: CreateGroupMembership then DescribeGroupMembership
    /// (create), DescribeGroupMembership by the imported id <c>store/membership</c>, DeleteGroupMembership, a refresh
    /// that finds it gone, and a second delete's ResourceNotFoundException (ignored by the provider).
    /// </summary>
    [PythonFact]
    public async Task Terraform_IdentityStoreGroupMembership_CreateReadImportDelete()
    {
        var store = await StoreIdAsync();
        var result = Run("""
            out = {}
            uid = call("create_user", IdentityStoreId=s, UserName="tf.member", DisplayName="Tf Member")["ok"]["UserId"]
            gid = call("create_group", IdentityStoreId=s, DisplayName="Tf Group")["ok"]["GroupId"]
            c = call("create_group_membership", IdentityStoreId=s, GroupId=gid, MemberId={"UserId": uid})
            mid = c["ok"]["MembershipId"]
            out["read"] = call("describe_group_membership", IdentityStoreId=s, MembershipId=mid)
            imported_store, imported_membership = (s + "/" + mid).split("/")
            out["import"] = call("describe_group_membership", IdentityStoreId=imported_store, MembershipId=imported_membership)
            out["delete"] = call("delete_group_membership", IdentityStoreId=s, MembershipId=mid)
            out["refreshGone"] = raw("describe_group_membership", IdentityStoreId=s, MembershipId=mid)
            out["deleteAgain"] = raw("delete_group_membership", IdentityStoreId=s, MembershipId=mid)
            out["uid"], out["gid"], out["mid"] = uid, gid, mid
            print(json.dumps(out))
            """, new { store });

        var read = Boto3.Ok(result.GetProperty("read"));
        Assert.Equal(result.GetProperty("gid").GetString(), read.GetProperty("GroupId").GetString());
        Assert.Equal(result.GetProperty("uid").GetString(), read.GetProperty("MemberId").GetProperty("UserId").GetString());
        Assert.Equal(result.GetProperty("mid").GetString(), read.GetProperty("MembershipId").GetString());
        Assert.Equal(store, read.GetProperty("IdentityStoreId").GetString());
        Assert.Equal(read.ToString(), Boto3.Ok(result.GetProperty("import")).ToString());
        Boto3.Ok(result.GetProperty("delete"));
        AssertNotFound(result.GetProperty("refreshGone"), "GROUP_MEMBERSHIP", result.GetProperty("mid").GetString());
        AssertNotFound(result.GetProperty("deleteAgain"), "GROUP_MEMBERSHIP", result.GetProperty("mid").GetString());
    }
}
