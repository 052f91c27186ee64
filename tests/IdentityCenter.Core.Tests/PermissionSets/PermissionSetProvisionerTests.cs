using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Tests.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Core.Tests.PermissionSets;

public sealed class PermissionSetProvisionerTests
{
    private const string AccountA = "111122223333";
    private const string AccountB = "444455556666";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly PermissionSetProvisioner _provisioner;

    public PermissionSetProvisionerTests() =>
        _provisioner = new PermissionSetProvisioner("us-east-1", new SeededRandomSource(3), _time);

    private static PermissionSet Developer() => new()
    {
        Id = "ps-0123456789abcdef",
        Name = "Developer",
        ManagedPolicyArns = ["arn:aws:iam::aws:policy/PowerUserAccess"],
        CustomerManagedPolicyReferences = [new("DenyProdData", "/guardrails/")],
    };

    [Fact]
    public void Provision_PoliciesExist_CreatesReservedRoleAtCurrentVersion()
    {
        var policies = new CustomerManagedPolicySet().Add(AccountA, "DenyProdData", "/guardrails/");

        var outcome = _provisioner.Provision(Developer(), AccountA, existing: null, policies);

        Assert.True(outcome.Succeeded, outcome.FailureReason);
        var role = outcome.Role!;
        Assert.Matches("^AWSReservedSSO_Developer_[0-9a-f]{16}$", role.RoleName);
        Assert.Equal($"arn:aws:iam::{AccountA}:role/aws-reserved/sso.amazonaws.com/us-east-1/{role.RoleName}", role.RoleArn);
        Assert.Equal(1, role.ProvisionedVersion);
        Assert.Equal(_time.GetUtcNow(), role.ProvisionedAt);
        Assert.Equal(ProvisioningStatus.LatestProvisioned, PermissionSetProvisioner.GetStatus(Developer(), role));
    }

    [Fact]
    public void Provision_CustomerPolicyMissingInAccount_FailsNamingPolicyAndAccount()
    {
        var policies = new CustomerManagedPolicySet().Add(AccountB, "DenyProdData", "/guardrails/");

        var outcome = _provisioner.Provision(Developer(), AccountA, existing: null, policies);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Role);
        Assert.Contains("/guardrails/DenyProdData", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains(AccountA, outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains($"arn:aws:iam::{AccountA}:policy/guardrails/DenyProdData", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Provision_SamePolicyNameOtherPath_StillMissing()
    {
        var policies = new CustomerManagedPolicySet().Add(AccountA, "DenyProdData", "/");

        Assert.False(_provisioner.Provision(Developer(), AccountA, null, policies).Succeeded);
    }

    [Fact]
    public void Provision_CustomerBoundaryMissing_FailureMentionsBoundary()
    {
        var ps = Developer() with
        {
            CustomerManagedPolicyReferences = [],
            PermissionsBoundary = PermissionsBoundary.FromCustomerManagedPolicy(new("Boundary")),
        };

        var outcome = _provisioner.Provision(ps, AccountA, null, new CustomerManagedPolicySet());

        Assert.Contains("permissions boundary", outcome.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_AddManagedPolicy_MarksProvisionedAccountOutOfDateUntilReprovisioned()
    {
        var policies = new CustomerManagedPolicySet().Add(AccountA, "DenyProdData", "/guardrails/").Add(AccountB, "DenyProdData", "/guardrails/");
        var original = Developer();
        var roleA = _provisioner.Provision(original, AccountA, null, policies).Role!;
        var roleB = _provisioner.Provision(original, AccountB, null, policies).Role!;

        var edited = PermissionSetVersioning.ApplyEdit(original, original with
        {
            ManagedPolicyArns = [.. original.ManagedPolicyArns, "arn:aws:iam::aws:policy/ReadOnlyAccess"],
        });

        Assert.Equal(2, edited.Version);
        Assert.Equal(ProvisioningStatus.LatestNotProvisioned, PermissionSetProvisioner.GetStatus(edited, roleA));
        Assert.Equal([AccountA, AccountB],
            PermissionSetProvisioner.ListAccountsForProvisionedPermissionSet(edited, [roleB, roleA], ProvisioningStatus.LatestNotProvisioned));

        _time.Advance(TimeSpan.FromMinutes(5));
        var reprovisioned = _provisioner.Provision(edited, AccountA, roleA, policies).Role!;

        Assert.Equal(roleA.RoleName, reprovisioned.RoleName);
        Assert.Equal(2, reprovisioned.ProvisionedVersion);
        Assert.Equal(ProvisioningStatus.LatestProvisioned, PermissionSetProvisioner.GetStatus(edited, reprovisioned));
        Assert.Equal([AccountB],
            PermissionSetProvisioner.ListAccountsForProvisionedPermissionSet(edited, [reprovisioned, roleB], ProvisioningStatus.LatestNotProvisioned));
    }

    [Theory]
    [InlineData("description")]
    [InlineData("relay")]
    [InlineData("tags")]
    public void Edit_NonRoleFields_DoNotMarkOutOfDate(string field)
    {
        var original = Developer();
        var after = field switch
        {
            "description" => original with { Description = "changed" },
            "relay" => original with { RelayState = "https://console.aws.amazon.com/s3/" },
            _ => original with { Tags = [new PermissionSetTag("team", "x")] },
        };

        var edited = PermissionSetVersioning.ApplyEdit(original, after);

        Assert.Equal(original.Version, edited.Version);
    }

    [Theory]
    [InlineData("duration")]
    [InlineData("inline")]
    [InlineData("boundary")]
    [InlineData("customer")]
    public void Edit_RoleFields_BumpVersion(string field)
    {
        var original = Developer();
        var after = field switch
        {
            "duration" => original with { SessionDuration = TimeSpan.FromHours(4) },
            "inline" => original with { InlinePolicy = "{}" },
            "boundary" => original with { PermissionsBoundary = PermissionsBoundary.FromManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess") },
            _ => original with { CustomerManagedPolicyReferences = [] },
        };

        Assert.Equal(original.Version + 1, PermissionSetVersioning.ApplyEdit(original, after).Version);
    }

    [Fact]
    public void Edit_SamePoliciesReordered_NoVersionBump()
    {
        var original = Developer() with { ManagedPolicyArns = ["arn:aws:iam::aws:policy/A", "arn:aws:iam::aws:policy/B"] };

        var edited = PermissionSetVersioning.ApplyEdit(original, original with { ManagedPolicyArns = ["arn:aws:iam::aws:policy/B", "arn:aws:iam::aws:policy/A"] });

        Assert.Equal(original.Version, edited.Version);
    }

    [Fact]
    public void ProvisionAllProvisionedAccounts_OneAccountMissingPolicy_OthersSucceed()
    {
        var original = Developer();
        var all = new CustomerManagedPolicySet().Add(AccountA, "DenyProdData", "/guardrails/").Add(AccountB, "DenyProdData", "/guardrails/");
        var roles = new[]
        {
            _provisioner.Provision(original, AccountA, null, all).Role!,
            _provisioner.Provision(original, AccountB, null, all).Role!,
        };
        var edited = PermissionSetVersioning.ApplyEdit(original, original with { SessionDuration = TimeSpan.FromHours(2) });
        var onlyA = new CustomerManagedPolicySet().Add(AccountA, "DenyProdData", "/guardrails/");

        var outcomes = _provisioner.ProvisionAllProvisionedAccounts(edited, roles, onlyA);

        Assert.Equal([AccountA, AccountB], outcomes.Select(o => o.AccountId));
        Assert.True(outcomes[0].Succeeded);
        Assert.False(outcomes[1].Succeeded);
    }

    [Fact]
    public void Provision_NameChanged_NewRoleWithNewSuffix()
    {
        var policies = new CustomerManagedPolicySet().Add(AccountA, "DenyProdData", "/guardrails/");
        var role = _provisioner.Provision(Developer(), AccountA, null, policies).Role!;

        var renamed = _provisioner.Provision(Developer() with { Name = "Dev" }, AccountA, role, policies).Role!;

        Assert.StartsWith("AWSReservedSSO_Dev_", renamed.RoleName, StringComparison.Ordinal);
    }

    [Fact]
    public void GetStatus_NoRole_NotProvisioned() =>
        Assert.Equal(ProvisioningStatus.NotProvisioned, PermissionSetProvisioner.GetStatus(Developer(), null));
}
