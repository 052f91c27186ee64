using IdentityCenter.Core.Credentials;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class SessionContextKeysTests
{
    [Fact]
    public void Build_Session_FillsGlobalKeysAndTags()
    {
        var claims = CredentialTestData.Claims(CredentialTestData.Start);
        var now = CredentialTestData.Start.AddMinutes(30);

        var keys = SessionContextKeys.Build(claims, now, "o-abcdefghij", "o-abcdefghij/r-ab12/ou-ab12-workload/");

        Assert.Equal([claims.RoleArn], keys["aws:PrincipalArn"]);
        Assert.Equal(["111122223333"], keys["aws:PrincipalAccount"]);
        Assert.Matches("^AROA[A-Z2-7]{17}:alice@example.com$", keys["aws:userid"][0]);
        Assert.Equal(["true"], keys["aws:MultiFactorAuthPresent"]);
        Assert.Equal(["2026-11-24T09:00:00Z"], keys["aws:TokenIssueTime"]);
        Assert.Equal(["2026-11-24T09:30:00Z"], keys["aws:CurrentTime"]);
        Assert.Equal(["o-abcdefghij"], keys["aws:PrincipalOrgID"]);
        Assert.Equal(["o-abcdefghij/r-ab12/ou-ab12-workload/"], keys["aws:PrincipalOrgPaths"]);
        Assert.Equal(["Engineering"], keys["aws:principaltag/department"]);
        Assert.Equal(["4711"], keys["aws:PrincipalTag/CostCenter"]);
    }

    [Fact]
    public void Build_NoOrganization_OrgKeysAbsent()
    {
        var keys = SessionContextKeys.Build(CredentialTestData.Claims(CredentialTestData.Start) with { MfaPresent = false }, CredentialTestData.Start);

        Assert.False(keys.ContainsKey("aws:PrincipalOrgID"));
        Assert.Equal(["false"], keys["aws:MultiFactorAuthPresent"]);
    }
}
