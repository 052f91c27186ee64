using System.Text.Json;
using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.SsoAdmin;

/// <summary>
/// sso-admin's refusals as boto3 reads them (<c>__type</c> and <c>x-amzn-ErrorType</c>): ValidationException for what
/// the model forbids (required members, lengths, patterns, enums, ranges, NextToken), ResourceNotFoundException,
/// ConflictException; and the ABAC configuration's life cycle.
/// </summary>
public sealed class SsoAdminErrorTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private const string ReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    [PythonFact]
    public async Task EveryRefusal_IsTheModelsError_WithAMessageThatSaysWhatToFix()
    {
        var (accountId, userId) = await SsoAdminTestData.AccountAndUserAsync(host, "errors");
        var r = SsoAdminTestData.Script(host, SsoAdminTestData.WithoutClientValidation + """
            out = {}
            arn = call("list_instances")["ok"]["Instances"][0]["InstanceArn"]
            other = "arn:aws:sso:::instance/ssoins-ffffffffffffffff"
            ps = call("create_permission_set", InstanceArn=arn, Name="ErrorsSet")["ok"]["PermissionSet"]["PermissionSetArn"]
            a = dict(InstanceArn=arn, PermissionSetArn=ps)
            missing = ps[:-16] + "0123456789abcdef"
            for i in range(3):
                call("create_permission_set", InstanceArn=arn, Name="Page%d" % i)
            out["missingName"] = call("create_permission_set", InstanceArn=arn, Name="")
            out["longName"] = call("create_permission_set", InstanceArn=arn, Name="x" * 33)
            out["badName"] = call("create_permission_set", InstanceArn=arn, Name="has space")
            out["badInstance"] = call("list_permission_sets", InstanceArn="arn:aws:sso:::instance/nope")
            out["otherInstance"] = call("list_permission_sets", InstanceArn=other)
            out["maxZero"] = call("list_permission_sets", InstanceArn=arn, MaxResults=0)
            out["badToken"] = call("list_permission_sets", InstanceArn=arn, NextToken="bm90LWEtdG9rZW4")
            page1 = call("list_permission_sets", InstanceArn=arn, MaxResults=2)["ok"]
            out["page1"] = page1
            out["foreignToken"] = call("list_account_assignment_creation_status", InstanceArn=arn, NextToken=page1["NextToken"])
            out["page2"] = call("list_permission_sets", InstanceArn=arn, MaxResults=2, NextToken=page1["NextToken"])
            out["duplicate"] = call("create_permission_set", InstanceArn=arn, Name="ErrorsSet")
            out["badDuration"] = call("create_permission_set", InstanceArn=arn, Name="BadDuration", SessionDuration="1 hour")
            out["notFound"] = call("describe_permission_set", InstanceArn=arn, PermissionSetArn=missing)
            out["attach"] = call("attach_managed_policy_to_permission_set", ManagedPolicyArn=args["readOnly"], **a)
            out["attachAgain"] = call("attach_managed_policy_to_permission_set", ManagedPolicyArn=args["readOnly"], **a)
            out["unknownPolicy"] = call("attach_managed_policy_to_permission_set", ManagedPolicyArn="arn:aws:iam::aws:policy/NoSuchPolicyAnywhere", **a)
            out["badInline"] = call("put_inline_policy_to_permission_set", InlinePolicy="{not json", **a)
            out["noBoundary"] = call("get_permissions_boundary_for_permission_set", **a)
            out["bothBoundaries"] = call("put_permissions_boundary_to_permission_set", PermissionsBoundary={"ManagedPolicyArn": args["readOnly"],
                                         "CustomerManagedPolicyReference": {"Name": "X"}}, **a)
            out["noTarget"] = call("provision_permission_set", TargetType="AWS_ACCOUNT", **a)
            out["badTargetType"] = call("provision_permission_set", TargetType="ORGANIZATION", **a)
            out["unknownStatus"] = call("describe_account_assignment_creation_status", InstanceArn=arn, AccountAssignmentCreationRequestId="00000000-0000-0000-0000-000000000000")
            out["badRequestId"] = call("describe_permission_set_provisioning_status", InstanceArn=arn, ProvisionPermissionSetRequestId="not-a-uuid")
            target = dict(TargetId=args["account"], TargetType="AWS_ACCOUNT", PrincipalType="USER", PrincipalId=args["user"])
            out["unknownUser"] = call("create_account_assignment", InstanceArn=arn, PermissionSetArn=ps, TargetId=args["account"], TargetType="AWS_ACCOUNT",
                                      PrincipalType="USER", PrincipalId="00000000-0000-0000-0000-000000000000")
            out["unknownAccount"] = call("create_account_assignment", InstanceArn=arn, PermissionSetArn=ps, TargetId="999999999999", TargetType="AWS_ACCOUNT",
                                         PrincipalType="USER", PrincipalId=args["user"])
            out["deleteMissing"] = call("delete_account_assignment", **target, **a)
            out["assign"] = call("create_account_assignment", **target, **a)
            out["assignAgain"] = call("create_account_assignment", **target, **a)
            out["deleteAssigned"] = call("delete_permission_set", **a)
            out["tagApplication"] = call("tag_resource", ResourceArn="arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-1111111111111111", Tags=[])
            out["untagNone"] = call("untag_resource", ResourceArn=ps, TagKeys=[])
            out["abacMissing"] = call("describe_instance_access_control_attribute_configuration", InstanceArn=arn)
            cfg = {"AccessControlAttributes": [{"Key": "Department", "Value": {"Source": ["${path:enterprise.department}"]}}]}
            out["abacCreate"] = call("create_instance_access_control_attribute_configuration", InstanceArn=arn, InstanceAccessControlAttributeConfiguration=cfg)
            out["abacCreateAgain"] = call("create_instance_access_control_attribute_configuration", InstanceArn=arn, InstanceAccessControlAttributeConfiguration=cfg)
            cfg2 = {"AccessControlAttributes": [{"Key": "CostCenter", "Value": {"Source": ["${path:enterprise.costCenter}"]}}]}
            out["abacUpdate"] = call("update_instance_access_control_attribute_configuration", InstanceArn=arn, InstanceAccessControlAttributeConfiguration=cfg2)
            out["abacDescribe"] = call("describe_instance_access_control_attribute_configuration", InstanceArn=arn)
            out["abacTwoSources"] = call("update_instance_access_control_attribute_configuration", InstanceArn=arn,
                                         InstanceAccessControlAttributeConfiguration={"AccessControlAttributes": [{"Key": "K", "Value": {"Source": ["a", "b"]}}]})
            out["abacDelete"] = call("delete_instance_access_control_attribute_configuration", InstanceArn=arn)
            out["abacDeleteAgain"] = call("delete_instance_access_control_attribute_configuration", InstanceArn=arn)
            print(json.dumps(out))
            """, new { readOnly = ReadOnly, account = accountId, user = userId });

        string Error(string step, string code) => Boto3.AssertError(r.GetProperty(step), code);
        Assert.Contains("at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1", Error("missingName", "ValidationException"));
        Assert.Contains("Member must have length less than or equal to 32", Error("longName", "ValidationException"));
        Assert.Contains("Member must satisfy regular expression pattern: [\\w+=,.@-]+", Error("badName", "ValidationException"));
        Assert.Contains("at 'instanceArn'", Error("badInstance", "ValidationException"));
        Assert.Contains("ListInstances", Error("otherInstance", "ResourceNotFoundException"));
        Assert.Contains("Member must have value greater than or equal to 1", Error("maxZero", "ValidationException"));
        Assert.Contains("at 'nextToken'", Error("badToken", "ValidationException"));
        Assert.Contains("ListAccountAssignmentCreationStatus", Error("foreignToken", "ValidationException"));
        var page1 = r.GetProperty("page1").GetProperty("PermissionSets").EnumerateArray().Select(e => e.GetString()).ToList();
        var page2 = Boto3.Ok(r.GetProperty("page2")).GetProperty("PermissionSets").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, page1.Count);
        Assert.Equal(2, page2.Count);
        Assert.Empty(page1.Intersect(page2));
        Assert.Contains("ErrorsSet", Error("duplicate", "ConflictException"));
        Assert.Contains("at 'sessionDuration'", Error("badDuration", "ValidationException"));
        Assert.Contains("ListPermissionSets", Error("notFound", "ResourceNotFoundException"));
        Boto3.Ok(r.GetProperty("attach"));
        Assert.Contains("already attached", Error("attachAgain", "ConflictException"));
        Assert.Contains("NoSuchPolicyAnywhere", Error("unknownPolicy", "ValidationException"));
        Assert.Contains("Line 1", Error("badInline", "ValidationException"));
        Assert.Contains("has no permissions boundary", Error("noBoundary", "ResourceNotFoundException"));
        Assert.Contains("exactly one of ManagedPolicyArn", Error("bothBoundaries", "ValidationException"));
        Assert.Contains("TargetId is required", Error("noTarget", "ValidationException"));
        Assert.Contains("enum value set: [AWS_ACCOUNT, ALL_PROVISIONED_ACCOUNTS]", Error("badTargetType", "ValidationException"));
        Assert.Contains("00000000-0000-0000-0000-000000000000", Error("unknownStatus", "ResourceNotFoundException"));
        Assert.Contains("provisionPermissionSetRequestId", Error("badRequestId", "ValidationException"));
        Assert.Contains("There is no user with id", Error("unknownUser", "ResourceNotFoundException"));
        Assert.Contains("999999999999 is not in the organization", Error("unknownAccount", "ResourceNotFoundException"));
        Assert.Contains("does not exist", Error("deleteMissing", "ResourceNotFoundException"));
        Assert.Equal("SUCCEEDED", Boto3.Ok(r.GetProperty("assign")).GetProperty("AccountAssignmentCreationStatus").GetProperty("Status").GetString());
        Assert.Equal("SUCCEEDED", Boto3.Ok(r.GetProperty("assignAgain")).GetProperty("AccountAssignmentCreationStatus").GetProperty("Status").GetString());
        Assert.Contains("Remove those assignments first", Error("deleteAssigned", "ConflictException"));
        Assert.Contains("no applications", Error("tagApplication", "ResourceNotFoundException"));
        Assert.Contains("at 'tagKeys'", Error("untagNone", "ValidationException"));

        Assert.Contains("CreateInstanceAccessControlAttributeConfiguration", Error("abacMissing", "ResourceNotFoundException"));
        Boto3.Ok(r.GetProperty("abacCreate"));
        Assert.Contains("UpdateInstanceAccessControlAttributeConfiguration", Error("abacCreateAgain", "ConflictException"));
        Boto3.Ok(r.GetProperty("abacUpdate"));
        var described = Boto3.Ok(r.GetProperty("abacDescribe"));
        Assert.Equal("ENABLED", described.GetProperty("Status").GetString());
        var attribute = described.GetProperty("InstanceAccessControlAttributeConfiguration").GetProperty("AccessControlAttributes")[0];
        Assert.Equal(("CostCenter", "${path:enterprise.costCenter}"), (attribute.GetProperty("Key").GetString(), attribute.GetProperty("Value").GetProperty("Source")[0].GetString()));
        Assert.Contains("Member must have length less than or equal to 1", Error("abacTwoSources", "ValidationException"));
        Boto3.Ok(r.GetProperty("abacDelete"));
        Error("abacDeleteAgain", "ResourceNotFoundException");
        Assert.Empty(await host.Services.GetRequiredService<IAccessControlAttributeService>().GetAttributesAsync());
    }

    [PythonFact]
    public async Task TwentyFirstPolicy_ServiceQuotaExceededException_QuotingTheLimit()
    {
        var twenty = IdentityCenter.Core.Catalog.ManagedPolicyCatalog.Default.All
            .Where(p => p.Arn.StartsWith("arn:aws:iam::aws:policy/", StringComparison.Ordinal)).Select(p => p.Arn).Take(21).ToList();
        var made = await host.Services.GetRequiredService<IPermissionSetService>().CreateAsync(
            new PermissionSetInput("Crowded", ManagedPolicyArns: twenty[..20]), IdentityCenter.Core.Audit.Actor.System);
        Assert.True(made.Succeeded, made.Summary);

        var r = Boto3.Call("sso-admin", SsoAdminTestData.Url(host), "attach_managed_policy_to_permission_set",
            new { InstanceArn = (await host.Services.GetRequiredService<IPermissionSetService>().GetInstanceAsync()).InstanceArn, PermissionSetArn = made.Value!.Arn, ManagedPolicyArn = twenty[20] },
            AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret);

        Assert.Contains("at most 20", Boto3.AssertError(r, "ServiceQuotaExceededException"));
    }

    [PythonFact]
    public void MissingRequiredMembers_ListedTogether_InOneValidationException()
    {
        var r = SsoAdminTestData.Script(host, SsoAdminTestData.WithoutClientValidation + """
            print(json.dumps(call("create_permission_set", InstanceArn=5)))
            """);
        var message = Boto3.AssertError(r, "ValidationException");
        Assert.StartsWith("2 validation errors detected: ", message);
        Assert.Contains("Value null at 'name' failed to satisfy constraint: Member must not be null", message);
        Assert.Contains("at 'instanceArn' failed to satisfy constraint: Member must be a string", message);
    }
}
