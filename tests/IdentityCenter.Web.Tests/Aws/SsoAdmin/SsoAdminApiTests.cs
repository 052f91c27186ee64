using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.SsoAdmin;

/// <summary>
/// sso-admin 2020-07-20 at /aws/sso-admin driven by boto3 against the real host: permission sets with their policies,
/// boundary and tags; account assignments followed to SUCCEEDED; drift and re-provisioning; the console's services
/// seeing the same state; audit events; authorization by the shared evaluator.
/// </summary>
public sealed class SsoAdminApiTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private const string PowerUser = "arn:aws:iam::aws:policy/PowerUserAccess";
    private const string Inline = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    [PythonFact]
    public async Task PermissionSet_ManagedInlineBoundaryCustomerTags_RoundTripThroughTheApiAndTheConsole()
    {
        var r = SsoAdminTestData.Script(host, """
            out = {}
            inst = call("list_instances")["ok"]["Instances"][0]
            out["instance"] = inst
            arn = inst["InstanceArn"]
            created = call("create_permission_set", InstanceArn=arn, Name="ApiDevelopers", Description="Made by boto3",
                           SessionDuration="PT4H", RelayState="https://console.aws.amazon.com/s3",
                           Tags=[{"Key": "team", "Value": "platform"}, {"Key": "cost", "Value": "42"}])
            out["created"] = created
            ps = created["ok"]["PermissionSet"]["PermissionSetArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=ps)
            out["attach"] = call("attach_managed_policy_to_permission_set", ManagedPolicyArn=args["readOnly"], **a)
            out["managed"] = call("list_managed_policies_in_permission_set", **a)
            out["putInline"] = call("put_inline_policy_to_permission_set", InlinePolicy=args["inline"], **a)
            out["inline"] = call("get_inline_policy_for_permission_set", **a)
            out["putBoundary"] = call("put_permissions_boundary_to_permission_set", PermissionsBoundary={"ManagedPolicyArn": args["powerUser"]}, **a)
            out["boundary"] = call("get_permissions_boundary_for_permission_set", **a)
            out["attachCustomer"] = call("attach_customer_managed_policy_reference_to_permission_set",
                                         CustomerManagedPolicyReference={"Name": "TeamPolicy", "Path": "/teams/"}, **a)
            out["customer"] = call("list_customer_managed_policy_references_in_permission_set", **a)
            out["update"] = call("update_permission_set", Description="Changed", RelayState="https://console.aws.amazon.com/ec2", **a)
            out["described"] = call("describe_permission_set", **a)
            out["untag"] = call("untag_resource", InstanceArn=arn, ResourceArn=ps, TagKeys=["cost"])
            out["tag"] = call("tag_resource", InstanceArn=arn, ResourceArn=ps, Tags=[{"Key": "team", "Value": "security"}])
            out["tags"] = call("list_tags_for_resource", InstanceArn=arn, ResourceArn=ps)
            out["instanceTags"] = call("list_tags_for_resource", InstanceArn=arn, ResourceArn=arn)
            out["ps"] = ps
            print(json.dumps(out))
            """, new { readOnly = ReadOnly, powerUser = PowerUser, inline = Inline });

        var instance = r.GetProperty("instance");
        var services = host.Services;
        var sso = await services.GetRequiredService<IPermissionSetService>().GetInstanceAsync();
        Assert.Equal(sso.InstanceArn, instance.GetProperty("InstanceArn").GetString());
        Assert.Equal("ACTIVE", instance.GetProperty("Status").GetString());
        Assert.StartsWith("d-", instance.GetProperty("IdentityStoreId").GetString());
        var created = Boto3.Ok(r.GetProperty("created")).GetProperty("PermissionSet");
        Assert.Equal("ApiDevelopers", created.GetProperty("Name").GetString());
        Assert.Equal("PT4H", created.GetProperty("SessionDuration").GetString());
        Assert.Matches(@"^arn:aws:sso:::permissionSet/ssoins-[0-9a-f]{16}/ps-[0-9a-f]{16}$", created.GetProperty("PermissionSetArn").GetString());
        foreach (var step in new[] { "attach", "putInline", "putBoundary", "attachCustomer", "update", "untag", "tag" })
        {
            Assert.Equal("{}", Boto3.Ok(r.GetProperty(step)).GetRawText());
        }

        var managed = Boto3.Ok(r.GetProperty("managed")).GetProperty("AttachedManagedPolicies");
        Assert.Equal(ReadOnly, managed[0].GetProperty("Arn").GetString());
        Assert.Equal("ReadOnlyAccess", managed[0].GetProperty("Name").GetString());
        Assert.Equal(Inline, Boto3.Ok(r.GetProperty("inline")).GetProperty("InlinePolicy").GetString());
        Assert.Equal(PowerUser, Boto3.Ok(r.GetProperty("boundary")).GetProperty("PermissionsBoundary").GetProperty("ManagedPolicyArn").GetString());
        var customer = Boto3.Ok(r.GetProperty("customer")).GetProperty("CustomerManagedPolicyReferences")[0];
        Assert.Equal(("TeamPolicy", "/teams/"), (customer.GetProperty("Name").GetString(), customer.GetProperty("Path").GetString()));
        var described = Boto3.Ok(r.GetProperty("described")).GetProperty("PermissionSet");
        Assert.Equal("Changed", described.GetProperty("Description").GetString());
        Assert.Equal("PT4H", described.GetProperty("SessionDuration").GetString());
        Assert.Equal("https://console.aws.amazon.com/ec2", described.GetProperty("RelayState").GetString());
        var tags = Boto3.Ok(r.GetProperty("tags")).GetProperty("Tags");
        Assert.Equal([("team", "security")], tags.EnumerateArray().Select(t => (t.GetProperty("Key").GetString(), t.GetProperty("Value").GetString())).ToList());
        Assert.Equal(0, Boto3.Ok(r.GetProperty("instanceTags")).GetProperty("Tags").GetArrayLength());

        // The console's service sees every change the API made.
        var id = r.GetProperty("ps").GetString()!.Split('/')[^1];
        var detail = (await services.GetRequiredService<IPermissionSetService>().GetAsync(id))!;
        var set = detail.PermissionSet;
        Assert.Equal(("Changed", TimeSpan.FromHours(4)), (set.Description, set.SessionDuration));
        Assert.Equal(new[] { ReadOnly }, set.ManagedPolicyArns);
        Assert.Equal(Inline, set.InlinePolicy);
        Assert.Equal(PowerUser, set.PermissionsBoundary!.ManagedPolicyArn);
        Assert.Equal(new[] { new CustomerManagedPolicyReference("TeamPolicy", "/teams/") }, set.CustomerManagedPolicyReferences);
        Assert.Equal(new[] { new PermissionSetTag("team", "security") }, set.Tags);
        // Sent as epoch seconds, read by botocore as a datetime (printed by the script as text).
        var createdDate = DateTimeOffset.Parse(created.GetProperty("CreatedDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(detail.CreatedAt.ToUnixTimeMilliseconds(), createdDate.ToUnixTimeMilliseconds());
    }

    [PythonFact]
    public async Task ConsoleChange_SeenByTheApi_AndTheApiRefusesWithTheConsolesMessage()
    {
        var services = host.Services.GetRequiredService<IPermissionSetService>();
        var made = await services.CreateAsync(new PermissionSetInput("ConsoleMade", "From the console", "PT2H", ManagedPolicyArns: [ReadOnly]), Actor.System);
        Assert.True(made.Succeeded, made.Summary);
        Assert.False(SessionDuration.TryParse("PT13H", out _, out var consoleError));

        var r = SsoAdminTestData.Script(host, """
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=args["ps"])
            print(json.dumps({
                "described": call("describe_permission_set", **a),
                "managed": call("list_managed_policies_in_permission_set", **a),
                "tooLong": call("update_permission_set", SessionDuration="PT13H", **a),
                "detach": call("detach_managed_policy_from_permission_set", ManagedPolicyArn=args["readOnly"], **a),
            }))
            """, new { ps = made.Value!.Arn, readOnly = ReadOnly });

        var described = Boto3.Ok(r.GetProperty("described")).GetProperty("PermissionSet");
        Assert.Equal(("ConsoleMade", "From the console", "PT2H"), (described.GetProperty("Name").GetString(), described.GetProperty("Description").GetString(), described.GetProperty("SessionDuration").GetString()));
        Assert.Equal(ReadOnly, Boto3.Ok(r.GetProperty("managed")).GetProperty("AttachedManagedPolicies")[0].GetProperty("Arn").GetString());
        Assert.Equal(consoleError!.Message, Boto3.AssertError(r.GetProperty("tooLong"), "ValidationException"));
        Boto3.Ok(r.GetProperty("detach"));
        Assert.Empty((await services.GetAsync(made.Value.PermissionSet.Id))!.PermissionSet.ManagedPolicyArns);
    }

    [PythonFact]
    public async Task Assignment_FollowedToSucceeded_DriftShowsNotProvisioned_UntilProvisionPermissionSet()
    {
        var (accountId, userId) = await SsoAdminTestData.AccountAndUserAsync(host, "drift");
        var r = SsoAdminTestData.Script(host, """
            import time
            out = {}
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            ps = call("create_permission_set", InstanceArn=arn, Name="DriftSet")["ok"]["PermissionSet"]["PermissionSetArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=ps)
            call("attach_managed_policy_to_permission_set", ManagedPolicyArn=args["readOnly"], **a)
            target = dict(TargetId=args["account"], TargetType="AWS_ACCOUNT", PrincipalType="USER", PrincipalId=args["user"])
            created = call("create_account_assignment", **target, **a)
            out["created"] = created
            rid = created["ok"]["AccountAssignmentCreationStatus"]["RequestId"]
            status = None
            for _ in range(20):
                status = call("describe_account_assignment_creation_status", InstanceArn=arn, AccountAssignmentCreationRequestId=rid)
                if status["ok"]["AccountAssignmentCreationStatus"]["Status"] != "IN_PROGRESS":
                    break
                time.sleep(0.2)
            out["status"] = status
            out["creations"] = call("list_account_assignment_creation_status", InstanceArn=arn, Filter={"Status": "SUCCEEDED"})
            out["assignments"] = call("list_account_assignments", AccountId=args["account"], **a)
            out["forPrincipal"] = call("list_account_assignments_for_principal", InstanceArn=arn, PrincipalId=args["user"], PrincipalType="USER",
                                       Filter={"AccountId": args["account"]})
            out["provisionedBefore"] = call("list_accounts_for_provisioned_permission_set", ProvisioningStatus="LATEST_PERMISSION_SET_PROVISIONED", **a)
            call("put_inline_policy_to_permission_set", InlinePolicy=args["inline"], **a)
            out["notProvisioned"] = call("list_accounts_for_provisioned_permission_set", ProvisioningStatus="LATEST_PERMISSION_SET_NOT_PROVISIONED", **a)
            out["toAccount"] = call("list_permission_sets_provisioned_to_account", InstanceArn=arn, AccountId=args["account"],
                                    ProvisioningStatus="LATEST_PERMISSION_SET_NOT_PROVISIONED")
            out["ps"] = ps
            print(json.dumps(out))
            """, new { account = accountId, user = userId, readOnly = ReadOnly, inline = Inline });

        var created = Boto3.Ok(r.GetProperty("created")).GetProperty("AccountAssignmentCreationStatus");
        var ps = r.GetProperty("ps").GetString()!;
        Assert.Equal((accountId, "AWS_ACCOUNT", ps, "USER", userId), (created.GetProperty("TargetId").GetString(), created.GetProperty("TargetType").GetString(),
            created.GetProperty("PermissionSetArn").GetString(), created.GetProperty("PrincipalType").GetString(), created.GetProperty("PrincipalId").GetString()));
        var requestId = created.GetProperty("RequestId").GetString();
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", requestId);
        var status = Boto3.Ok(r.GetProperty("status")).GetProperty("AccountAssignmentCreationStatus");
        Assert.Equal(("SUCCEEDED", requestId), (status.GetProperty("Status").GetString(), status.GetProperty("RequestId").GetString()));
        Assert.Contains(Boto3.Ok(r.GetProperty("creations")).GetProperty("AccountAssignmentsCreationStatus").EnumerateArray(), s => s.GetProperty("RequestId").GetString() == requestId);
        var assignment = Boto3.Ok(r.GetProperty("assignments")).GetProperty("AccountAssignments")[0];
        Assert.Equal((accountId, ps, "USER", userId), (assignment.GetProperty("AccountId").GetString(), assignment.GetProperty("PermissionSetArn").GetString(),
            assignment.GetProperty("PrincipalType").GetString(), assignment.GetProperty("PrincipalId").GetString()));
        Assert.Equal(ps, Boto3.Ok(r.GetProperty("forPrincipal")).GetProperty("AccountAssignments")[0].GetProperty("PermissionSetArn").GetString());
        Assert.Equal($"[\"{accountId}\"]", Boto3.Ok(r.GetProperty("provisionedBefore")).GetProperty("AccountIds").GetRawText());
        Assert.Equal($"[\"{accountId}\"]", Boto3.Ok(r.GetProperty("notProvisioned")).GetProperty("AccountIds").GetRawText());
        Assert.Equal($"[\"{ps}\"]", Boto3.Ok(r.GetProperty("toAccount")).GetProperty("PermissionSets").GetRawText());

        // The console shows the same drift.
        var permissionSets = host.Services.GetRequiredService<IPermissionSetService>();
        var id = ps.Split('/')[^1];
        Assert.Equal(ProvisioningStatus.LatestNotProvisioned, (await permissionSets.GetAsync(id))!.Accounts.Single(a => a.AccountId == accountId).Status);

        var again = SsoAdminTestData.Script(host, """
            out = {}
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=args["ps"])
            p = call("provision_permission_set", TargetType="ALL_PROVISIONED_ACCOUNTS", **a)
            out["provision"] = p
            out["status"] = call("describe_permission_set_provisioning_status", InstanceArn=arn,
                                 ProvisionPermissionSetRequestId=p["ok"]["PermissionSetProvisioningStatus"]["RequestId"])
            out["provisionings"] = call("list_permission_set_provisioning_status", InstanceArn=arn)
            out["notProvisioned"] = call("list_accounts_for_provisioned_permission_set", ProvisioningStatus="LATEST_PERMISSION_SET_NOT_PROVISIONED", **a)
            out["provisioned"] = call("list_accounts_for_provisioned_permission_set", ProvisioningStatus="LATEST_PERMISSION_SET_PROVISIONED", **a)
            target = dict(TargetId=args["account"], TargetType="AWS_ACCOUNT", PrincipalType="USER", PrincipalId=args["user"])
            deleted = call("delete_account_assignment", **target, **a)
            out["deleted"] = deleted
            out["deletion"] = call("describe_account_assignment_deletion_status", InstanceArn=arn,
                                   AccountAssignmentDeletionRequestId=deleted["ok"]["AccountAssignmentDeletionStatus"]["RequestId"])
            out["deletions"] = call("list_account_assignment_deletion_status", InstanceArn=arn, Filter={"Status": "FAILED"})
            out["after"] = call("list_account_assignments", AccountId=args["account"], **a)
            print(json.dumps(out))
            """, new { ps, account = accountId, user = userId });

        var provision = Boto3.Ok(again.GetProperty("provision")).GetProperty("PermissionSetProvisioningStatus");
        Assert.Equal(("SUCCEEDED", ps), (provision.GetProperty("Status").GetString(), provision.GetProperty("PermissionSetArn").GetString()));
        Assert.False(provision.TryGetProperty("AccountId", out _));
        Assert.Equal("SUCCEEDED", Boto3.Ok(again.GetProperty("status")).GetProperty("PermissionSetProvisioningStatus").GetProperty("Status").GetString());
        Assert.Contains(Boto3.Ok(again.GetProperty("provisionings")).GetProperty("PermissionSetsProvisioningStatus").EnumerateArray(),
            s => s.GetProperty("RequestId").GetString() == provision.GetProperty("RequestId").GetString() && s.GetProperty("CreatedDate").ValueKind == JsonValueKind.String);
        Assert.Equal("[]", Boto3.Ok(again.GetProperty("notProvisioned")).GetProperty("AccountIds").GetRawText());
        Assert.Equal($"[\"{accountId}\"]", Boto3.Ok(again.GetProperty("provisioned")).GetProperty("AccountIds").GetRawText());
        Assert.Equal(ProvisioningStatus.LatestProvisioned, (await permissionSets.GetAsync(id))!.Accounts.Single(a => a.AccountId == accountId).Status);
        Assert.Equal("SUCCEEDED", Boto3.Ok(again.GetProperty("deleted")).GetProperty("AccountAssignmentDeletionStatus").GetProperty("Status").GetString());
        Assert.Equal("SUCCEEDED", Boto3.Ok(again.GetProperty("deletion")).GetProperty("AccountAssignmentDeletionStatus").GetProperty("Status").GetString());
        Assert.Equal(0, Boto3.Ok(again.GetProperty("deletions")).GetProperty("AccountAssignmentsDeletionStatus").GetArrayLength());
        Assert.Equal(0, Boto3.Ok(again.GetProperty("after")).GetProperty("AccountAssignments").GetArrayLength());
        Assert.Empty(await host.Services.GetRequiredService<IAssignmentService>().ListForPermissionSetAsync(id));
    }

    [PythonFact]
    public async Task ProvisioningThatFails_IsReportedFailed_WithTheReason_ForTheAssignmentAndForProvisionPermissionSet()
    {
        var (accountId, userId) = await SsoAdminTestData.AccountAndUserAsync(host, "failing");
        var r = SsoAdminTestData.Script(host, """
            out = {}
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            ps = call("create_permission_set", InstanceArn=arn, Name="NeedsCustomerPolicy")["ok"]["PermissionSet"]["PermissionSetArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=ps)
            call("attach_customer_managed_policy_reference_to_permission_set", CustomerManagedPolicyReference={"Name": "NotInTheAccount"}, **a)
            created = call("create_account_assignment", TargetId=args["account"], TargetType="AWS_ACCOUNT", PrincipalType="USER", PrincipalId=args["user"], **a)
            out["created"] = created
            out["creationStatus"] = call("describe_account_assignment_creation_status", InstanceArn=arn,
                                         AccountAssignmentCreationRequestId=created["ok"]["AccountAssignmentCreationStatus"]["RequestId"])
            out["failedCreations"] = call("list_account_assignment_creation_status", InstanceArn=arn, Filter={"Status": "FAILED"})
            p = call("provision_permission_set", TargetType="AWS_ACCOUNT", TargetId=args["account"], **a)
            out["provision"] = p
            out["failedProvisionings"] = call("list_permission_set_provisioning_status", InstanceArn=arn, Filter={"Status": "FAILED"}, MaxResults=1)
            out["provisioned"] = call("list_accounts_for_provisioned_permission_set", **a)
            print(json.dumps(out))
            """, new { account = accountId, user = userId });

        var created = Boto3.Ok(r.GetProperty("created")).GetProperty("AccountAssignmentCreationStatus");
        Assert.Equal("FAILED", created.GetProperty("Status").GetString());
        Assert.Contains("NotInTheAccount", created.GetProperty("FailureReason").GetString());
        var described = Boto3.Ok(r.GetProperty("creationStatus")).GetProperty("AccountAssignmentCreationStatus");
        Assert.Equal(("FAILED", created.GetProperty("FailureReason").GetString()), (described.GetProperty("Status").GetString(), described.GetProperty("FailureReason").GetString()));
        Assert.Contains(Boto3.Ok(r.GetProperty("failedCreations")).GetProperty("AccountAssignmentsCreationStatus").EnumerateArray(),
            s => s.GetProperty("RequestId").GetString() == created.GetProperty("RequestId").GetString());
        var provision = Boto3.Ok(r.GetProperty("provision")).GetProperty("PermissionSetProvisioningStatus");
        Assert.Equal(("FAILED", accountId), (provision.GetProperty("Status").GetString(), provision.GetProperty("AccountId").GetString()));
        Assert.Contains(accountId, provision.GetProperty("FailureReason").GetString());
        var failed = Boto3.Ok(r.GetProperty("failedProvisionings"));
        Assert.Equal(provision.GetProperty("RequestId").GetString(), failed.GetProperty("PermissionSetsProvisioningStatus")[0].GetProperty("RequestId").GetString());
        Assert.Equal(0, Boto3.Ok(r.GetProperty("provisioned")).GetProperty("AccountIds").GetArrayLength());
    }

    [PythonFact]
    public async Task ApiCalls_AreAudited_WithEventSourceSsoAndTheAccessKeyId()
    {
        var r = SsoAdminTestData.Script(host, """
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            ps = call("create_permission_set", InstanceArn=arn, Name="AuditedSet")["ok"]["PermissionSet"]["PermissionSetArn"]
            call("list_permission_sets", InstanceArn=arn)
            print(json.dumps({"ps": ps}))
            """);
        Assert.StartsWith("arn:aws:sso:::permissionSet/", r.GetProperty("ps").GetString());

        await using var scope = host.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        var create = (await audit.QueryAsync(new AuditQuery(EventName: "CreatePermissionSet", PageSize: 500))).Items
            .Single(e => e.RequestParameters.GetValueOrDefault("name") == "AuditedSet");
        Assert.Equal((AuditEventSources.Sso, AdminApiHost.BootstrapKeyId), (create.EventSource, create.UserIdentity.AccessKeyId));
        var list = (await audit.QueryAsync(new AuditQuery(EventName: "ListPermissionSets", PageSize: 500))).Items;
        Assert.Contains(list, e => e.EventSource == AuditEventSources.Sso && e.UserIdentity.AccessKeyId == AdminApiHost.BootstrapKeyId && e.ErrorCode is null);
    }

    [PythonFact]
    public async Task AuditorKey_ReadsEverything_EveryWriteOperationIsAccessDenied_AndChangesNothing()
    {
        var (accountId, userId) = await SsoAdminTestData.AccountAndUserAsync(host, "audited");
        var permissionSets = host.Services.GetRequiredService<IPermissionSetService>();
        var made = await permissionSets.CreateAsync(new PermissionSetInput("AuditorTarget", ManagedPolicyArns: [ReadOnly], InlinePolicy: Inline,
            PermissionsBoundary: PermissionsBoundary.FromManagedPolicy(PowerUser), Tags: [new PermissionSetTag("k", "v")],
            CustomerManagedPolicyReferences: [new CustomerManagedPolicyReference("Team")]), Actor.System);
        Assert.True(made.Succeeded, made.Summary);
        var assigned = await host.Services.GetRequiredService<IAssignmentService>().CreateAsync(
            new AssignmentRequest(accountId, made.Value!.PermissionSet.Id, IdentityCenter.Core.Assignments.PrincipalType.User, userId), Actor.System);
        Assert.True(assigned.Succeeded, assigned.Summary);
        var (keyId, secret) = await SsoAdminTestData.KeyInGroupAsync(host, "auditor.sso", IdentityCenter.Infrastructure.Identity.BuiltInGroups.AuditorsId);

        var r = Boto3.Script("sso-admin", SsoAdminTestData.Url(host), keyId, secret, """
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=args["ps"])
            target = dict(TargetId=args["account"], TargetType="AWS_ACCOUNT", PrincipalType="USER", PrincipalId=args["user"])
            cfg = {"AccessControlAttributes": [{"Key": "Department", "Value": {"Source": ["${path:enterprise.department}"]}}]}
            reads = {
                "DescribeInstance": call("describe_instance", InstanceArn=arn),
                "ListPermissionSets": call("list_permission_sets", InstanceArn=arn),
                "DescribePermissionSet": call("describe_permission_set", **a),
                "GetInlinePolicyForPermissionSet": call("get_inline_policy_for_permission_set", **a),
                "ListAccountAssignments": call("list_account_assignments", AccountId=args["account"], **a),
                "ListTagsForResource": call("list_tags_for_resource", ResourceArn=args["ps"]),
            }
            writes = {
                "CreatePermissionSet": call("create_permission_set", InstanceArn=arn, Name="AuditorMade"),
                "UpdatePermissionSet": call("update_permission_set", Description="auditor", **a),
                "DeletePermissionSet": call("delete_permission_set", **a),
                "AttachManagedPolicyToPermissionSet": call("attach_managed_policy_to_permission_set", ManagedPolicyArn=args["powerUser"], **a),
                "DetachManagedPolicyFromPermissionSet": call("detach_managed_policy_from_permission_set", ManagedPolicyArn=args["readOnly"], **a),
                "PutInlinePolicyToPermissionSet": call("put_inline_policy_to_permission_set", InlinePolicy=args["inline"], **a),
                "DeleteInlinePolicyFromPermissionSet": call("delete_inline_policy_from_permission_set", **a),
                "AttachCustomerManagedPolicyReferenceToPermissionSet": call("attach_customer_managed_policy_reference_to_permission_set", CustomerManagedPolicyReference={"Name": "Other"}, **a),
                "DetachCustomerManagedPolicyReferenceFromPermissionSet": call("detach_customer_managed_policy_reference_from_permission_set", CustomerManagedPolicyReference={"Name": "Team"}, **a),
                "PutPermissionsBoundaryToPermissionSet": call("put_permissions_boundary_to_permission_set", PermissionsBoundary={"ManagedPolicyArn": args["readOnly"]}, **a),
                "DeletePermissionsBoundaryFromPermissionSet": call("delete_permissions_boundary_from_permission_set", **a),
                "TagResource": call("tag_resource", ResourceArn=args["ps"], Tags=[{"Key": "k", "Value": "changed"}]),
                "UntagResource": call("untag_resource", ResourceArn=args["ps"], TagKeys=["k"]),
                "CreateAccountAssignment": call("create_account_assignment", **target, **a),
                "DeleteAccountAssignment": call("delete_account_assignment", **target, **a),
                "ProvisionPermissionSet": call("provision_permission_set", TargetType="ALL_PROVISIONED_ACCOUNTS", **a),
                "CreateInstanceAccessControlAttributeConfiguration": call("create_instance_access_control_attribute_configuration", InstanceArn=arn, InstanceAccessControlAttributeConfiguration=cfg),
                "UpdateInstanceAccessControlAttributeConfiguration": call("update_instance_access_control_attribute_configuration", InstanceArn=arn, InstanceAccessControlAttributeConfiguration=cfg),
                "DeleteInstanceAccessControlAttributeConfiguration": call("delete_instance_access_control_attribute_configuration", InstanceArn=arn),
            }
            print(json.dumps({"reads": reads, "writes": writes}))
            """, new { ps = made.Value.Arn, account = accountId, user = userId, readOnly = ReadOnly, powerUser = PowerUser, inline = Inline });

        foreach (var read in r.GetProperty("reads").EnumerateObject())
        {
            Assert.True(read.Value.TryGetProperty("ok", out _), $"{read.Name}: {read.Value}");
        }

        foreach (var write in r.GetProperty("writes").EnumerateObject())
        {
            Assert.Contains($"sso:{write.Name}", Boto3.AssertError(write.Value, "AccessDeniedException"));
        }

        var after = (await permissionSets.GetAsync(made.Value.PermissionSet.Id))!.PermissionSet;
        Assert.Equal(made.Value.PermissionSet, after with { ManagedPolicyArns = made.Value.PermissionSet.ManagedPolicyArns, CustomerManagedPolicyReferences = made.Value.PermissionSet.CustomerManagedPolicyReferences, Tags = made.Value.PermissionSet.Tags });
        Assert.Equal(new[] { ReadOnly }, after.ManagedPolicyArns);
        Assert.Equal(new[] { new PermissionSetTag("k", "v") }, after.Tags);
        Assert.Single(await host.Services.GetRequiredService<IAssignmentService>().ListForPermissionSetAsync(made.Value.PermissionSet.Id));
        Assert.DoesNotContain(await permissionSets.ListAsync(), p => p.Name == "AuditorMade");
    }

    [PythonFact]
    public async Task HelpDeskKey_CreatePermissionSet_AccessDenied_BootstrapAdministratorSucceeds()
    {
        var (keyId, secret) = await SsoAdminTestData.KeyInGroupAsync(host, "helpdesk.sso", SsoAdminTestData.HelpDeskGroupId);
        var arn = (await host.Services.GetRequiredService<IPermissionSetService>().GetInstanceAsync()).InstanceArn;

        var denied = Boto3.Call("sso-admin", SsoAdminTestData.Url(host), "create_permission_set", new { InstanceArn = arn, Name = "HelpDeskMade" }, keyId, secret);
        var message = Boto3.AssertError(denied, "AccessDeniedException");
        Assert.Contains("sso:CreatePermissionSet", message);
        Assert.DoesNotContain((await host.Services.GetRequiredService<IPermissionSetService>().ListAsync()), p => p.Name == "HelpDeskMade");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var refused = (await scope.ServiceProvider.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery(EventName: "CreatePermissionSet", PageSize: 500))).Items
                .Single(e => e.UserIdentity.AccessKeyId == keyId);
            Assert.Equal((AuditEventSources.Sso, "AccessDeniedException", "HelpDeskMade"), (refused.EventSource, refused.ErrorCode, refused.RequestParameters.GetValueOrDefault("Name")));
        }

        var allowed = Boto3.Call("sso-admin", SsoAdminTestData.Url(host), "create_permission_set", new { InstanceArn = arn, Name = "AdminMade" }, AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret);
        Assert.Equal("AdminMade", Boto3.Ok(allowed).GetProperty("PermissionSet").GetProperty("Name").GetString());
    }
}
