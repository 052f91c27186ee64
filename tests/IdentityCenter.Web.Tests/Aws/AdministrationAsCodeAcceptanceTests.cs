using System.Text.Json;
using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Issue 11's acceptance: a fresh instance given only a bootstrap access key is built up entirely through the AWS APIs with
/// boto3 (organization, OU, account, SCP, user, group, membership, permission set with a managed and an inline policy, an
/// assignment followed to SUCCEEDED), and the result is the same as building it with the console's services on another fresh
/// instance: the same organization, directory, permission sets and assignments, and the same access for the new user.
/// </summary>
public sealed class AdministrationAsCodeAcceptanceTests(AdminApiHost apiBuilt, AdministrationAsCodeAcceptanceTests.ConsoleBuilt consoleBuilt)
    : IClassFixture<AdminApiHost>, IClassFixture<AdministrationAsCodeAcceptanceTests.ConsoleBuilt>
{
    /// <summary>A second fresh instance, built through the console's services.</summary>
    public sealed class ConsoleBuilt : AdminApiHost;

    private const string Scp = """{"Version":"2012-10-17","Statement":[{"Sid":"StayInTheOrganization","Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}""";
    private const string Inline = """{"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogGroup","logs:PutLogEvents"],"Resource":"*"}]}""";
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    [PythonFact]
    public async Task BuiltThroughTheApis_IsTheSameAsBuiltInTheConsole()
    {
        var built = Boto3.Script("sso-admin", Url(apiBuilt, "sso-admin"), AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, """
            def make(service):
                return boto3.client(service, endpoint_url=args[service], region_name="us-east-1", aws_access_key_id=_a["key"],
                                    aws_secret_access_key=_a["secret"], config=Config(retries={"total_max_attempts": 1}))
            sso, ids, orgs = client, make("identitystore"), make("organizations")
            instance = sso.list_instances()["Instances"][0]
            store, inst = instance["IdentityStoreId"], instance["InstanceArn"]

            # The management account takes the administrator's email, so the administrator gets one first.
            admin = next(u for u in ids.list_users(IdentityStoreId=store)["Users"] if u["UserName"] == "admin")
            ids.update_user(IdentityStoreId=store, UserId=admin["UserId"],
                            Operations=[{"AttributePath": "emails", "AttributeValue": [{"Value": "admin@build.example.com"}]}])
            orgs.create_organization(FeatureSet="ALL")
            root = orgs.list_roots()["Roots"][0]["Id"]
            ou = orgs.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
            request = orgs.create_account(Email="sandbox@build.example.com", AccountName="Sandbox")["CreateAccountStatus"]
            status = orgs.describe_create_account_status(CreateAccountRequestId=request["Id"])["CreateAccountStatus"]
            account = status["AccountId"]
            orgs.move_account(AccountId=account, SourceParentId=root, DestinationParentId=ou)
            scp = orgs.create_policy(Name="DenyLeaveOrganization", Description="Accounts stay", Type="SERVICE_CONTROL_POLICY",
                                     Content=args["scp"])["Policy"]["PolicySummary"]["Id"]
            orgs.attach_policy(PolicyId=scp, TargetId=ou)

            user = ids.create_user(IdentityStoreId=store, UserName="dev1", DisplayName="Dev One",
                                   Name={"GivenName": "Dev", "FamilyName": "One"}, Emails=[{"Value": "dev1@build.example.com"}])["UserId"]
            group = ids.create_group(IdentityStoreId=store, DisplayName="Developers", Description="App developers")["GroupId"]
            ids.create_group_membership(IdentityStoreId=store, GroupId=group, MemberId={"UserId": user})

            ps = sso.create_permission_set(InstanceArn=inst, Name="Developer", Description="Build and read", SessionDuration="PT4H")["PermissionSet"]["PermissionSetArn"]
            sso.attach_managed_policy_to_permission_set(InstanceArn=inst, PermissionSetArn=ps, ManagedPolicyArn=args["managed"])
            sso.put_inline_policy_to_permission_set(InstanceArn=inst, PermissionSetArn=ps, InlinePolicy=args["inline"])
            created = sso.create_account_assignment(InstanceArn=inst, TargetId=account, TargetType="AWS_ACCOUNT", PermissionSetArn=ps,
                                                    PrincipalType="GROUP", PrincipalId=group)["AccountAssignmentCreationStatus"]
            followed = sso.describe_account_assignment_creation_status(InstanceArn=inst,
                AccountAssignmentCreationRequestId=created["RequestId"])["AccountAssignmentCreationStatus"]
            print(json.dumps({"accountState": status["State"], "assignment": followed["Status"]}))
            """,
            new
            {
                identitystore = Url(apiBuilt, "identitystore"),
                organizations = Url(apiBuilt, "organizations"),
                scp = Scp,
                inline = Inline,
                managed = ReadOnly,
            });
        Assert.Equal("SUCCEEDED", built.GetProperty("accountState").GetString());
        Assert.Equal("SUCCEEDED", built.GetProperty("assignment").GetString());

        await BuildInTheConsoleAsync(consoleBuilt);

        var fromApis = await SnapshotAsync(apiBuilt);
        var fromConsole = await SnapshotAsync(consoleBuilt);
        Assert.Contains("entitled: Sandbox as Developer", fromApis);
        Assert.Equal(fromConsole, fromApis);
    }

    private static string Url(AwsApiHost host, string service) => new Uri(host.BaseUrl, "aws/" + service).ToString();

    /// <summary>The same design, made as an administrator makes it in the console (the pages call these services).</summary>
    private static async Task BuildInTheConsoleAsync(ConsoleBuilt host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<IUserDirectoryService>();
        var groups = services.GetRequiredService<IGroupDirectoryService>();
        var organizations = services.GetRequiredService<IOrganizationService>();
        var permissionSets = services.GetRequiredService<IPermissionSetService>();
        var admin = (await users.ListUserDetailsAsync(null, 100)).Single(u => u.UserName == "admin");
        var actor = new Actor(admin.Id, admin.UserName);

        var organization = Ok(await organizations.CreateOrganizationAsync(new OrganizationInput("Management", "admin@build.example.com"), actor));
        var ou = Ok(await organizations.CreateOrganizationalUnitAsync(organization.RootId, "Workloads", actor));
        var account = Ok(await organizations.CreateAccountAsync(new AccountInput("Sandbox", "sandbox@build.example.com", ou.Id), actor));
        var scp = Ok(await organizations.CreatePolicyAsync(new OrganizationPolicyInput("DenyLeaveOrganization", "Accounts stay", OrganizationPolicyType.ServiceControlPolicy, Scp), actor));
        Assert.True((await organizations.AttachPolicyAsync(scp.Id, ou.Id, actor)).Succeeded);

        var user = Ok(await users.CreateUserAsync(new CreateUserRequest("dev1", "Dev One", "Dev", "One", "dev1@build.example.com"), actor)).User;
        var group = Ok(await groups.CreateGroupAsync(new GroupInput("Developers", "App developers"), actor));
        Assert.True((await groups.AddMembersAsync(group.Id, [user.Id], actor)).Succeeded);

        var permissionSet = Ok(await permissionSets.CreateAsync(new PermissionSetInput("Developer", "Build and read", "PT4H", ManagedPolicyArns: [ReadOnly], InlinePolicy: Inline), actor));
        Ok(await services.GetRequiredService<IAssignmentService>().CreateAsync(new AssignmentRequest(account.Id, permissionSet.PermissionSet.Id, PrincipalType.Group, group.Id), actor));
    }

    /// <summary>
    /// What an administrator would compare, by name (ids differ between instances): the organization's units, accounts and
    /// SCPs with their targets, the directory's users and groups with members, the permission sets with their policies and
    /// provisioning, the assignments, and what the new user may sign in to.
    /// </summary>
    private static async Task<List<string>> SnapshotAsync(AwsApiHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var organizations = services.GetRequiredService<IOrganizationService>();
        var view = (await organizations.GetOrganizationAsync())!;
        var names = view.OrganizationalUnits.ToDictionary(u => u.Id, u => u.Name);
        names[view.Organization.RootId] = "Root";
        foreach (var account in view.Accounts)
        {
            names[account.Id] = account.Name;
        }

        var lines = new List<string>();
        lines.AddRange(view.OrganizationalUnits.Select(u => $"ou: {u.Name} in {names[u.ParentId]}"));
        lines.AddRange(view.Accounts.Select(a => $"account: {a.Name} <{a.Email}> {a.Status} management={a.IsManagement} in {names[a.ParentId]}"));
        lines.AddRange((await organizations.ListPoliciesAsync()).Where(p => !p.AwsManaged).Select(p =>
            $"policy: {p.Type} {p.Name} ({p.Description}) {Normalized(p.Document)} on {string.Join(",", p.TargetIds.Select(t => names[t]).Order(StringComparer.Ordinal))}"));

        var users = await services.GetRequiredService<IUserDirectoryService>().ListUserDetailsAsync(null, 100);
        lines.AddRange(users.Where(u => u.UserName != "admin").Select(u => $"user: {u.UserName} {u.DisplayName} {u.GivenName} {u.FamilyName} <{u.Email}> enabled={u.Enabled}"));
        var groups = services.GetRequiredService<IGroupDirectoryService>();
        foreach (var group in (await groups.ListGroupDetailsAsync(null, 100)).Where(g => !g.IsBuiltIn))
        {
            var members = (await groups.ListMembersAsync(group.Id, null, 0, 100)).Items.Select(m => m.UserName).Order(StringComparer.Ordinal);
            lines.Add($"group: {group.DisplayName} ({group.Description}) members {string.Join(",", members)}");
        }

        var permissionSets = services.GetRequiredService<IPermissionSetService>();
        var assignments = services.GetRequiredService<IAssignmentService>();
        foreach (var summary in await permissionSets.ListAsync())
        {
            var detail = (await permissionSets.GetAsync(summary.Id))!;
            var set = detail.PermissionSet;
            lines.Add($"permission set: {set.Name} ({set.Description}) {set.SessionDuration} managed {string.Join(",", set.ManagedPolicyArns)} inline {Normalized(set.InlinePolicy)}"
                + $" provisioned {string.Join(",", detail.Accounts.Select(a => $"{a.AccountName}:{a.Status}"))}");
            lines.AddRange((await assignments.ListForPermissionSetAsync(summary.Id)).Select(a => $"assignment: {a.AccountName} {a.PermissionSetName} {a.PrincipalType} {a.PrincipalName}"));
        }

        var developer = users.Single(u => u.UserName == "dev1");
        var entitlements = services.GetRequiredService<IEntitlementService>();
        foreach (var account in await entitlements.ListAccountsAsync(developer.Id))
        {
            lines.AddRange((await entitlements.ListRolesAsync(developer.Id, account.AccountId)).Select(r => $"entitled: {account.AccountName} as {r.RoleName}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string? Normalized(string? document) =>
        document is null ? null : JsonSerializer.Serialize(JsonDocument.Parse(document).RootElement);

    private static T Ok<T>(IdentityCenter.Core.Directory.OperationResult<T> result)
    {
        Assert.True(result.Succeeded, result.Summary);
        return result.Value!;
    }
}
