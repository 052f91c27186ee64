using IdentityCenter.Core.Assignments;
using IdentityCenter.Core.PermissionSets;

namespace IdentityCenter.Core.Tests.Assignments;

public sealed class AssignmentRulesTests
{
    private const string Prod = "111111111111";
    private const string Dev = "222222222222";
    private const string Admin = "ps-aaaaaaaaaaaaaaaa";
    private const string ReadOnly = "ps-bbbbbbbbbbbbbbbb";

    [Fact]
    public void Validate_BadIds_EachFieldReported()
    {
        var errors = AssignmentRules.Validate(new AccountAssignment("12345", "Admin", PrincipalType.User, ""));

        Assert.Equal(["TargetId", "PermissionSetArn", "PrincipalId"], errors.Select(e => e.Field));
        Assert.Contains("12 digits", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodAssignment_NoErrors() =>
        Assert.Empty(AssignmentRules.Validate(new AccountAssignment(Prod, Admin, PrincipalType.Group, "0b9f5c7e-1111-4c55-9a3e-1d2f3a4b5c6d")));

    [Fact]
    public void Plan_WizardChoices_CrossProductWithoutExisting()
    {
        var index = AssignmentIndex.Build([new(Prod, Admin, PrincipalType.Group, "ops")], []);

        var plan = AssignmentRules.Plan([Prod, Dev, Prod], [(PrincipalType.Group, "ops"), (PrincipalType.User, "alice")], [Admin, ReadOnly], index);

        Assert.Equal(7, plan.ToCreate.Count);
        var existing = Assert.Single(plan.AlreadyAssigned);
        Assert.Equal(new AccountAssignment(Prod, Admin, PrincipalType.Group, "ops"), existing);
        Assert.DoesNotContain(existing, plan.ToCreate);
    }

    [Fact]
    public void CheckCanDeletePermissionSet_StillAssigned_AsksToRemoveFirst()
    {
        var index = AssignmentIndex.Build(
            [new(Prod, Admin, PrincipalType.Group, "ops"), new(Dev, Admin, PrincipalType.User, "alice")], []);

        var message = AssignmentRules.CheckCanDeletePermissionSet(Admin, "AdministratorAccess", index);

        Assert.Contains("2 account assignment(s) in 2 account(s)", message, StringComparison.Ordinal);
        Assert.Null(AssignmentRules.CheckCanDeletePermissionSet(ReadOnly, "ReadOnly", index));
        Assert.NotNull(AssignmentRules.CheckCanRemoveAccount(Dev, index));
        Assert.Null(AssignmentRules.CheckCanRemoveAccount("333333333333", index));
    }

    [Fact]
    public void Quotas_AtLimit_MessagesQuoteLimits()
    {
        Assert.Null(PermissionSetQuotas.CheckCanCreate(1_999));
        Assert.Contains("2,000", PermissionSetQuotas.CheckCanCreate(2_000)!.Message, StringComparison.Ordinal);
        Assert.Null(PermissionSetQuotas.CheckCanProvision(Prod, 249));
        Assert.Contains("250", PermissionSetQuotas.CheckCanProvision(Prod, 250)!.Message, StringComparison.Ordinal);
    }
}
