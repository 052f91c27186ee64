using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Tests.Organizations;

public sealed class OrganizationTreeTests
{
    private const string Root = "r-ab12";
    private const string Workloads = "ou-ab12-workload";
    private const string Prod = "ou-ab12-prodprod";
    private const string Sandbox = "ou-ab12-sandboxx";
    private const string Management = "111111111111";
    private const string ProdAccount = "222222222222";

    private static OrganizationTree CreateTree()
    {
        var tree = new OrganizationTree("o-abcdefghij", Root, new OrganizationAccount(Management, "Management", "mgmt@example.com"));
        Assert.Null(tree.AddOrganizationalUnit(Workloads, "Workloads", Root));
        Assert.Null(tree.AddOrganizationalUnit(Prod, "Prod", Workloads));
        Assert.Null(tree.AddOrganizationalUnit(Sandbox, "Sandbox", Root));
        Assert.Null(tree.AddAccount(new OrganizationAccount(ProdAccount, "Prod app", "prod@example.com"), Prod));
        return tree;
    }

    [Fact]
    public void ComputePolicyPath_NestedAccount_LevelsRootThenEachOuThenAccountWithFullAwsAccess()
    {
        var tree = CreateTree();

        var path = tree.ComputePolicyPath(ProdAccount, OrganizationPolicyType.ServiceControlPolicy)!;

        Assert.True(path.AppliesToAccount);
        Assert.Equal([Root, Workloads, Prod, ProdAccount], path.Levels.Select(l => l.TargetId));
        Assert.Equal(
            [OrganizationTargetType.Root, OrganizationTargetType.OrganizationalUnit, OrganizationTargetType.OrganizationalUnit, OrganizationTargetType.Account],
            path.Levels.Select(l => l.TargetType));
        Assert.All(path.Levels, l => Assert.Equal("FullAWSAccess", Assert.Single(l.Policies).PolicyName));
        Assert.Equal(OrganizationTree.FullAwsAccessDocument, path.Levels[0].Policies[0].Document);
    }

    [Fact]
    public void ComputePolicyPath_CustomScpOnOu_AppearsOnlyAtThatLevel()
    {
        var tree = CreateTree();
        const string denyS3 = """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}""";
        Assert.Null(tree.PutPolicy(new OrganizationPolicy("p-denys3xx", "DenyS3", OrganizationPolicyType.ServiceControlPolicy, denyS3)));

        Assert.Null(tree.AttachPolicy("p-denys3xx", Workloads));
        var path = tree.ComputePolicyPath(ProdAccount, OrganizationPolicyType.ServiceControlPolicy)!;

        var workloads = path.Levels[1];
        Assert.Equal(["FullAWSAccess", "DenyS3"], workloads.Policies.Select(p => p.PolicyName));
        Assert.Equal(denyS3, workloads.Policies[1].Document);
        Assert.Single(path.Levels[0].Policies);
        Assert.Single(path.Levels[2].Policies);
        Assert.Equal(2, path.DistinctPolicies.Count());
    }

    [Fact]
    public void ComputePolicyPath_ManagementAccount_ScpsAndRcpsDoNotApply()
    {
        var tree = CreateTree();

        var scp = tree.ComputePolicyPath(Management, OrganizationPolicyType.ServiceControlPolicy)!;
        var rcp = tree.ComputePolicyPath(Management, OrganizationPolicyType.ResourceControlPolicy)!;

        Assert.False(scp.AppliesToAccount);
        Assert.Empty(scp.Levels);
        Assert.False(rcp.AppliesToAccount);
    }

    [Fact]
    public void ComputePolicyPath_Rcp_UsesRcpFullAwsAccessAtEveryLevel()
    {
        var tree = CreateTree();

        var path = tree.ComputePolicyPath(ProdAccount, OrganizationPolicyType.ResourceControlPolicy)!;

        Assert.Equal(4, path.Levels.Count);
        Assert.All(path.Levels, l => Assert.Equal(OrganizationTree.RcpFullAwsAccessPolicyId, Assert.Single(l.Policies).PolicyId));
    }

    [Fact]
    public void ComputePolicyPath_UnknownAccount_Null() =>
        Assert.Null(CreateTree().ComputePolicyPath("999999999999", OrganizationPolicyType.ServiceControlPolicy));

    [Fact]
    public void MoveAccount_ToOtherOu_ChangesPathAndOrgPath()
    {
        var tree = CreateTree();

        var error = tree.MoveAccount(ProdAccount, Prod, Sandbox);

        Assert.Null(error);
        Assert.Equal(Sandbox, tree.GetParentOfAccount(ProdAccount));
        Assert.Equal([Root, Sandbox, ProdAccount], tree.ComputePolicyPath(ProdAccount, OrganizationPolicyType.ServiceControlPolicy)!.Levels.Select(l => l.TargetId));
        Assert.Equal($"o-abcdefghij/{Root}/{Sandbox}/", tree.GetOrganizationPath(ProdAccount));
        Assert.Empty(tree.GetChildAccounts(Prod));
        Assert.Equal(ProdAccount, Assert.Single(tree.GetChildAccounts(Sandbox)).Id);
    }

    [Fact]
    public void MoveAccount_WrongSourceParent_ErrorAndUnchanged()
    {
        var tree = CreateTree();

        var error = tree.MoveAccount(ProdAccount, Sandbox, Root);

        Assert.NotNull(error);
        Assert.Equal("AccountNotFoundException", error.Code);
        Assert.Contains(Prod, error.Message, StringComparison.Ordinal);
        Assert.Equal(Prod, tree.GetParentOfAccount(ProdAccount));
    }

    [Fact]
    public void MoveAccount_UnknownDestination_DestinationParentNotFound()
    {
        var error = CreateTree().MoveAccount(ProdAccount, Prod, "ou-ab12-nowhere1");

        Assert.Equal("DestinationParentNotFoundException", error!.Code);
    }

    [Fact]
    public void AddOrganizationalUnit_SixthLevel_ConstraintViolationQuotesFive()
    {
        var tree = CreateTree();
        var parent = Prod;
        for (var level = 3; level <= 5; level++)
        {
            var id = $"ou-ab12-level{level}xx";
            Assert.Null(tree.AddOrganizationalUnit(id, $"L{level}", parent));
            parent = id;
        }

        var error = tree.AddOrganizationalUnit("ou-ab12-level6xx", "L6", parent);

        Assert.Equal("ConstraintViolationException", error!.Code);
        Assert.Contains("5 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOrganizationalUnit_DuplicateNameUnderSameParent_Rejected()
    {
        var error = CreateTree().AddOrganizationalUnit("ou-ab12-another1", "workloads", Root);

        Assert.Equal("DuplicateOrganizationalUnitException", error!.Code);
    }

    [Fact]
    public void AddAccount_InvalidEmail_InvalidInputAndNotAdded()
    {
        var tree = CreateTree();

        var error = tree.AddAccount(new OrganizationAccount("333333333333", "Dev", "nope"), Root);

        Assert.Equal("InvalidInputException", error!.Code);
        Assert.Null(tree.FindAccount("333333333333"));
    }

    [Fact]
    public void AddAccount_DuplicateEmail_Rejected()
    {
        var error = CreateTree().AddAccount(new OrganizationAccount("333333333333", "Dev", "PROD@example.com"), Root);

        Assert.Equal("DuplicateAccountException", error!.Code);
    }

    [Fact]
    public void DeleteOrganizationalUnit_NotEmpty_RefusedThenAllowedWhenEmpty()
    {
        var tree = CreateTree();

        var refused = tree.DeleteOrganizationalUnit(Prod);
        Assert.Null(tree.MoveAccount(ProdAccount, Prod, Root));
        var allowed = tree.DeleteOrganizationalUnit(Prod);

        Assert.Equal("OrganizationalUnitNotEmptyException", refused!.Code);
        Assert.Null(allowed);
        Assert.Null(tree.FindOrganizationalUnit(Prod));
    }

    [Fact]
    public void DetachPolicy_LastScp_RefusedUntilAnotherIsAttached()
    {
        var tree = CreateTree();
        Assert.Null(tree.PutPolicy(new OrganizationPolicy("p-allowec2", "AllowEc2", OrganizationPolicyType.ServiceControlPolicy,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""")));

        var refused = tree.DetachPolicy(OrganizationTree.FullAwsAccessPolicyId, Sandbox);
        Assert.Null(tree.AttachPolicy("p-allowec2", Sandbox));
        var allowed = tree.DetachPolicy(OrganizationTree.FullAwsAccessPolicyId, Sandbox);

        Assert.Equal("ConstraintViolationException", refused!.Code);
        Assert.Null(allowed);
        Assert.Equal(["AllowEc2"], tree.GetAttachedPolicies(Sandbox, OrganizationPolicyType.ServiceControlPolicy).Select(p => p.Name));
    }

    [Fact]
    public void DetachPolicy_RcpFullAwsAccess_NeverAllowed()
    {
        var error = CreateTree().DetachPolicy(OrganizationTree.RcpFullAwsAccessPolicyId, Root);

        Assert.Equal("ConstraintViolationException", error!.Code);
    }

    [Fact]
    public void DeletePolicy_StillAttached_RefusedNamingTargets()
    {
        var tree = CreateTree();
        Assert.Null(tree.PutPolicy(new OrganizationPolicy("p-denyall1", "DenyAll", OrganizationPolicyType.ServiceControlPolicy, "{}")));
        Assert.Null(tree.AttachPolicy("p-denyall1", Sandbox));

        var error = tree.DeletePolicy("p-denyall1");

        Assert.Equal("PolicyInUseException", error!.Code);
        Assert.Contains(Sandbox, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PutPolicy_AwsManaged_CannotBeReplaced()
    {
        var error = CreateTree().PutPolicy(new OrganizationPolicy(OrganizationTree.FullAwsAccessPolicyId, "FullAWSAccess", OrganizationPolicyType.ServiceControlPolicy, "{}"));

        Assert.Equal("PolicyChangesNotAllowedException", error!.Code);
    }

    [Fact]
    public void GetPolicyArn_AwsManagedAndCustomer_FollowAwsFormats()
    {
        var tree = CreateTree();
        Assert.Null(tree.PutPolicy(new OrganizationPolicy("p-denys3xx", "DenyS3", OrganizationPolicyType.ServiceControlPolicy, "{}")));

        Assert.Equal("arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
            tree.GetPolicyArn(tree.FindPolicy(OrganizationTree.FullAwsAccessPolicyId)!));
        Assert.Equal($"arn:aws:organizations::{Management}:policy/o-abcdefghij/service_control_policy/p-denys3xx",
            tree.GetPolicyArn(tree.FindPolicy("p-denys3xx")!));
    }

    [Fact]
    public void RemoveAccount_Management_Refused()
    {
        var error = CreateTree().RemoveAccount(Management);

        Assert.Equal("ConstraintViolationException", error!.Code);
    }

    [Fact]
    public void PutPolicy_Over5120Characters_RejectedQuotingLimit()
    {
        var tree = CreateTree();
        var actions = string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"s3:Action{i:D4}\""));
        var content = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}";

        var error = tree.PutPolicy(new OrganizationPolicy("p-toolarge", "TooLarge", OrganizationPolicyType.ServiceControlPolicy, content));

        Assert.Equal("ConstraintViolationException", error!.Code);
        Assert.Contains("5,120", error.Message, StringComparison.Ordinal);
        Assert.Null(tree.FindPolicy("p-toolarge"));
    }

    [Fact]
    public void PolicySizeQuota_CountCharacters_WhitespaceOutsideStringsIgnored()
    {
        const string compact = "{\"a\":\"x y\"}";
        const string pretty = "{\n  \"a\" :  \"x y\"\n}";

        Assert.Equal(compact.Length, PolicySizeQuota.CountCharacters(compact));
        Assert.Equal(compact.Length, PolicySizeQuota.CountCharacters(pretty));
        Assert.Equal(7, PolicySizeQuota.CountCharacters("\"a\\\" b\""));
    }

    [Fact]
    public void GetTargetsForPolicy_ListsDirectAttachments()
    {
        var tree = CreateTree();
        Assert.Null(tree.PutPolicy(new OrganizationPolicy("p-denys3xx", "DenyS3", OrganizationPolicyType.ServiceControlPolicy, "{}")));
        Assert.Null(tree.AttachPolicy("p-denys3xx", Sandbox));
        Assert.Null(tree.AttachPolicy("p-denys3xx", ProdAccount));

        Assert.Equal([ProdAccount, Sandbox], tree.GetTargetsForPolicy("p-denys3xx"));
        Assert.Equal(6, tree.GetTargetsForPolicy(OrganizationTree.FullAwsAccessPolicyId).Count);
    }

    [Fact]
    public void GetTreeNodes_DepthFirstAccountsThenOus()
    {
        var nodes = CreateTree().GetTreeNodes();

        Assert.Equal(
            [(Root, 0), (Management, 1), (Sandbox, 1), (Workloads, 1), (Prod, 2), (ProdAccount, 3)],
            nodes.Select(n => (n.Id, n.Depth)));
        Assert.Equal(Workloads, nodes.Single(n => n.Id == Prod).ParentId);
        Assert.Equal(OrganizationTargetType.Account, nodes.Single(n => n.Id == ProdAccount).Type);
    }

    [Fact]
    public void UpdateAccount_Suspend_KeepsPositionAndChangesStatus()
    {
        var tree = CreateTree();

        var error = tree.UpdateAccount(new OrganizationAccount(ProdAccount, "Prod app (closed)", "prod@example.com", AccountStatus.Suspended));

        Assert.Null(error);
        Assert.Equal(AccountStatus.Suspended, tree.FindAccount(ProdAccount)!.Status);
        Assert.Equal(Prod, tree.GetParentOfAccount(ProdAccount));
    }

    [Fact]
    public void UpdateAccount_EmailOfAnotherAccount_Rejected()
    {
        var error = CreateTree().UpdateAccount(new OrganizationAccount(ProdAccount, "Prod app", "mgmt@example.com"));

        Assert.Equal("DuplicateAccountException", error!.Code);
    }

    [Fact]
    public void RenameOrganizationalUnit_NewName_ShownInPolicyPath()
    {
        var tree = CreateTree();

        Assert.Null(tree.RenameOrganizationalUnit(Prod, "Production"));

        Assert.Equal("Production", tree.ComputePolicyPath(ProdAccount, OrganizationPolicyType.ServiceControlPolicy)!.Levels[2].TargetName);
        Assert.Equal("DuplicateOrganizationalUnitException", tree.RenameOrganizationalUnit(Sandbox, "workloads")!.Code);
    }
}
