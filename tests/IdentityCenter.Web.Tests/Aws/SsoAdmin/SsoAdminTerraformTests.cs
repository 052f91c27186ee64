namespace IdentityCenter.Web.Tests.Aws.SsoAdmin;

/// <summary>
/// The call sequences of the Terraform AWS provider's sso-admin resources (hashicorp/terraform-provider-aws
/// internal/service/ssoadmin: permission_set.go, managed_policy_attachment.go, account_assignment.go) replayed with boto3:
/// create, wait for the request status, read, update (re-provisioning ALL_PROVISIONED_ACCOUNTS and waiting), delete, and
/// the read after delete that must be ResourceNotFoundException (the provider drops the resource from state on it).
/// </summary>
public sealed class SsoAdminTerraformTests(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [PythonFact]
    public async Task TerraformLifecycles_PermissionSet_ManagedPolicyAttachment_AccountAssignment()
    {
        var (accountId, userId) = await SsoAdminTestData.AccountAndUserAsync(host, "terraform");
        var r = SsoAdminTestData.Script(host, """
            import time
            steps = []
            def must(name, result):
                steps.append(name)
                if "ok" not in result:
                    print(json.dumps({"failed": name, "result": result, "steps": steps}))
                    sys.exit(0)
                return result["ok"]
            def wait_provisioned(arn, rid):
                # waitPermissionSetProvisioned: Pending IN_PROGRESS, Target SUCCEEDED
                for _ in range(20):
                    s = must("DescribePermissionSetProvisioningStatus", call("describe_permission_set_provisioning_status",
                             InstanceArn=arn, ProvisionPermissionSetRequestId=rid))["PermissionSetProvisioningStatus"]
                    if s["Status"] != "IN_PROGRESS":
                        return s["Status"]
                    time.sleep(0.2)
            def provision_all(arn, ps):
                p = must("ProvisionPermissionSet", call("provision_permission_set", InstanceArn=arn, PermissionSetArn=ps, TargetType="ALL_PROVISIONED_ACCOUNTS"))
                return wait_provisioned(arn, p["PermissionSetProvisioningStatus"]["RequestId"])
            out = {}
            # data "aws_ssoadmin_instances"
            arn = must("ListInstances", call("list_instances"))["Instances"][0]["InstanceArn"]

            # aws_ssoadmin_permission_set: create, then read (DescribePermissionSet + ListTagsForResource)
            ps = must("CreatePermissionSet", call("create_permission_set", InstanceArn=arn, Name="TfAdmins", Description="tf",
                      SessionDuration="PT2H", RelayState="https://example.com/start", Tags=[{"Key": "env", "Value": "test"}]))["PermissionSet"]["PermissionSetArn"]
            must("DescribePermissionSet", call("describe_permission_set", InstanceArn=arn, PermissionSetArn=ps))
            must("ListTagsForResource", call("list_tags_for_resource", ResourceArn=ps, InstanceArn=arn))

            # aws_ssoadmin_managed_policy_attachment: attach, provision all and wait, read by listing
            must("AttachManagedPolicyToPermissionSet", call("attach_managed_policy_to_permission_set", InstanceArn=arn, PermissionSetArn=ps,
                 ManagedPolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"))
            out["attachProvision"] = provision_all(arn, ps)
            out["attached"] = [p["Arn"] for p in must("ListManagedPoliciesInPermissionSet", call("list_managed_policies_in_permission_set", InstanceArn=arn, PermissionSetArn=ps))["AttachedManagedPolicies"]]

            # aws_ssoadmin_account_assignment: look for an existing one, create, wait, read
            key = dict(AccountId=args["account"], InstanceArn=arn, PermissionSetArn=ps)
            before = must("ListAccountAssignments", call("list_account_assignments", **key))["AccountAssignments"]
            out["before"] = len(before)
            target = dict(InstanceArn=arn, PermissionSetArn=ps, PrincipalId=args["user"], PrincipalType="USER", TargetId=args["account"], TargetType="AWS_ACCOUNT")
            rid = must("CreateAccountAssignment", call("create_account_assignment", **target))["AccountAssignmentCreationStatus"]["RequestId"]
            for _ in range(20):
                s = must("DescribeAccountAssignmentCreationStatus", call("describe_account_assignment_creation_status", InstanceArn=arn,
                         AccountAssignmentCreationRequestId=rid))["AccountAssignmentCreationStatus"]
                if s["Status"] != "IN_PROGRESS":
                    break
                time.sleep(0.2)
            out["assignmentStatus"] = s["Status"]
            found = [a for a in must("ListAccountAssignments", call("list_account_assignments", **key))["AccountAssignments"]
                     if a["PrincipalId"] == args["user"] and a["PrincipalType"] == "USER"]
            out["found"] = len(found)

            # permission set update: UpdatePermissionSet (RelayState sent again), provision all, wait; tags: untag then tag
            must("UpdatePermissionSet", call("update_permission_set", InstanceArn=arn, PermissionSetArn=ps, Description="tf updated",
                 RelayState="https://example.com/start", SessionDuration="PT3H"))
            out["updateProvision"] = provision_all(arn, ps)
            must("UntagResource", call("untag_resource", InstanceArn=arn, ResourceArn=ps, TagKeys=["env"]))
            must("TagResource", call("tag_resource", InstanceArn=arn, ResourceArn=ps, Tags=[{"Key": "env", "Value": "prod"}]))
            read = must("DescribePermissionSet", call("describe_permission_set", InstanceArn=arn, PermissionSetArn=ps))["PermissionSet"]
            out["read"] = {k: read.get(k) for k in ("Description", "SessionDuration", "RelayState")}
            out["tags"] = must("ListTagsForResource", call("list_tags_for_resource", ResourceArn=ps, InstanceArn=arn))["Tags"]
            out["driftAfterUpdate"] = must("ListAccountsForProvisionedPermissionSet", call("list_accounts_for_provisioned_permission_set",
                                           InstanceArn=arn, PermissionSetArn=ps, ProvisioningStatus="LATEST_PERMISSION_SET_NOT_PROVISIONED"))["AccountIds"]

            # destroy: assignment (delete, wait), attachment (detach, provision all), permission set
            rid = must("DeleteAccountAssignment", call("delete_account_assignment", **target))["AccountAssignmentDeletionStatus"]["RequestId"]
            out["deletionStatus"] = must("DescribeAccountAssignmentDeletionStatus", call("describe_account_assignment_deletion_status", InstanceArn=arn,
                                         AccountAssignmentDeletionRequestId=rid))["AccountAssignmentDeletionStatus"]["Status"]
            out["deleteAgain"] = call("delete_account_assignment", **target)
            must("DetachManagedPolicyFromPermissionSet", call("detach_managed_policy_from_permission_set", InstanceArn=arn, PermissionSetArn=ps,
                 ManagedPolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"))
            out["detachProvision"] = provision_all(arn, ps)
            must("DeletePermissionSet", call("delete_permission_set", InstanceArn=arn, PermissionSetArn=ps))
            out["readAfterDelete"] = call("describe_permission_set", InstanceArn=arn, PermissionSetArn=ps)
            out["deleteAfterDelete"] = call("delete_permission_set", InstanceArn=arn, PermissionSetArn=ps)
            out["steps"] = steps
            print(json.dumps(out))
            """, new { account = accountId, user = userId });

        Assert.False(r.TryGetProperty("failed", out _), r.ToString());
        Assert.Equal("SUCCEEDED", r.GetProperty("attachProvision").GetString());
        Assert.Equal("""["arn:aws:iam::aws:policy/ReadOnlyAccess"]""", r.GetProperty("attached").GetRawText());
        Assert.Equal(0, r.GetProperty("before").GetInt32());
        Assert.Equal("SUCCEEDED", r.GetProperty("assignmentStatus").GetString());
        Assert.Equal(1, r.GetProperty("found").GetInt32());
        Assert.Equal("SUCCEEDED", r.GetProperty("updateProvision").GetString());
        var read = r.GetProperty("read");
        Assert.Equal(("tf updated", "PT3H", "https://example.com/start"), (read.GetProperty("Description").GetString(), read.GetProperty("SessionDuration").GetString(), read.GetProperty("RelayState").GetString()));
        Assert.Equal("prod", r.GetProperty("tags")[0].GetProperty("Value").GetString());
        Assert.Equal(0, r.GetProperty("driftAfterUpdate").GetArrayLength());
        Assert.Equal("SUCCEEDED", r.GetProperty("deletionStatus").GetString());
        Boto3.AssertError(r.GetProperty("deleteAgain"), "ResourceNotFoundException");
        Assert.Equal("SUCCEEDED", r.GetProperty("detachProvision").GetString());
        Boto3.AssertError(r.GetProperty("readAfterDelete"), "ResourceNotFoundException");
        Boto3.AssertError(r.GetProperty("deleteAfterDelete"), "ResourceNotFoundException");
    }
}
