using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Tests.Policies;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class RoleSessionContextTests
{
    private const string OrganizationId = "o-abcdefghij";
    private const string OrganizationPath = "o-abcdefghij/r-ab12/ou-ab12-workload/";

    private static readonly DateTimeOffset Now = CredentialTestData.Start.AddMinutes(30);

    private static RoleSession Session(bool organization = true) =>
        (CredentialTestData.Claims(CredentialTestData.Start) with
        {
            OrganizationId = organization ? OrganizationId : null,
            OrganizationPaths = organization ? [OrganizationPath] : [],
        }).ToRoleSession();

    [Fact]
    public void Build_Session_FillsEveryServerKeyFromTheSessionAndTheClock()
    {
        var session = Session();

        var context = RoleSessionContext.Build(session, null, Now);

        Assert.Equal(session.RoleArn, context.GetString("aws:PrincipalArn"));
        Assert.Equal("111122223333", context.GetString("aws:PrincipalAccount"));
        Assert.Equal("AssumedRole", context.GetString("aws:PrincipalType"));
        Assert.Equal("false", context.GetString("aws:PrincipalIsAWSService"));
        Assert.Matches("^AROA[A-Z2-7]{17}:alice@example.com$", context.GetString("aws:userid"));
        Assert.Equal("alice@example.com", context.GetString("aws:username"));
        Assert.Equal("true", context.GetString("aws:MultiFactorAuthPresent"));
        Assert.Equal("1800", context.GetString("aws:MultiFactorAuthAge"));
        Assert.Equal("2026-11-24T09:00:00Z", context.GetString("aws:TokenIssueTime"));
        Assert.Equal("2026-11-24T09:30:00Z", context.GetString("aws:CurrentTime"));
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), context.GetString("aws:EpochTime"));
        Assert.Equal(OrganizationId, context.GetString("aws:PrincipalOrgID"));
        Assert.True(context.TryGetValue("aws:PrincipalOrgPaths", out var paths));
        Assert.True(paths.IsMultivalued);
        Assert.Equal(OrganizationPath, paths[0]);
        Assert.Equal("Engineering", context.GetString("aws:principaltag/department"));
        Assert.Equal("4711", context.GetString("aws:PrincipalTag/CostCenter"));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice@example.com", session.AssumedRoleArn);
    }

    [Fact]
    public void Build_NoOrganizationNoMfa_OrgKeysAndMfaAgeAbsent()
    {
        var context = RoleSessionContext.Build(Session(organization: false) with { MfaPresent = false }, null, Now);

        Assert.False(context.TryGetValue("aws:PrincipalOrgID", out _));
        Assert.False(context.TryGetValue("aws:PrincipalOrgPaths", out _));
        Assert.False(context.TryGetValue("aws:MultiFactorAuthAge", out _));
        Assert.Equal("false", context.GetString("aws:MultiFactorAuthPresent"));
    }

    [Theory]
    [InlineData("aws:PrincipalTag/x")]
    [InlineData("aws:PrincipalTag/Department")]
    [InlineData("AWS:PRINCIPALORGID")]
    [InlineData("aws:PrincipalOrgPaths")]
    [InlineData("aws:PrincipalArn")]
    [InlineData("aws:PrincipalAccount")]
    [InlineData("aws:PrincipalType")]
    [InlineData("aws:PrincipalIsAWSService")]
    [InlineData("aws:PrincipalServiceName")]
    [InlineData("aws:userid")]
    [InlineData("aws:username")]
    [InlineData("aws:MultiFactorAuthPresent")]
    [InlineData("aws:MultiFactorAuthAge")]
    [InlineData("aws:TokenIssueTime")]
    [InlineData("aws:CurrentTime")]
    [InlineData("aws:EpochTime")]
    [InlineData("aws:SourceIdentity")]
    [InlineData("aws:FederatedProvider")]
    [InlineData("aws:NotAKeyAwsSets")]
    [InlineData("identitystore:UserId")]
    [InlineData("ec2:SourceInstanceArn")]
    public void Build_CallerGivesAServerKey_ItIsDroppedAndTheSessionValueStands(string key)
    {
        foreach (var organization in new[] { true, false })
        {
            var session = Session(organization);
            var expected = RoleSessionContext.Build(session, null, Now);
            var ignored = new List<string>();

            var context = RoleSessionContext.Build(session, new RequestContext().Set(key, "injected"), Now, ignored);

            Assert.Equal([key], ignored);
            Assert.Equal(expected.Count, context.Count);
            Assert.Equal(expected.TryGetValue(key, out var before), context.TryGetValue(key, out var after));
            Assert.Equal(before.ToString(), after.ToString());
            Assert.DoesNotContain(context, entry => entry.Value.ToString() == "injected");
        }
    }

    [Theory]
    [InlineData("aws:SourceIp", "203.0.113.7")]
    [InlineData("aws:SecureTransport", "true")]
    [InlineData("aws:RequestedRegion", "eu-west-1")]
    [InlineData("aws:UserAgent", "aws-cli/2.9")]
    [InlineData("aws:SourceVpce", "vpce-1a2b3c4d")]
    [InlineData("aws:ResourceTag/team", "data")]
    [InlineData("aws:RequestTag/team", "data")]
    [InlineData("aws:ResourceAccount", "444455556666")]
    [InlineData("aws:ViaAWSService", "false")]
    [InlineData("s3:prefix", "home/alice/")]
    [InlineData("kms:ViaService", "s3.us-east-1.amazonaws.com")]
    public void Build_CallerGivesARequestKey_ItIsKept(string key, string value)
    {
        var ignored = new List<string>();

        var context = RoleSessionContext.Build(Session(), new RequestContext().Set(key, value), Now, ignored);

        Assert.Empty(ignored);
        Assert.Equal(value, context.GetString(key));
        Assert.True(RoleSessionContext.IsRequestKey(key));
    }

    [Fact]
    public void Build_MultivaluedRequestKey_StaysASet()
    {
        var context = RoleSessionContext.Build(Session(), new RequestContext().Set("aws:TagKeys", "a", "b"), Now);

        Assert.True(context.TryGetValue("aws:TagKeys", out var keys));
        Assert.True(keys.IsMultivalued);
        Assert.Equal(2, keys.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("aws:")]
    [InlineData("nocolon")]
    [InlineData(":x")]
    [InlineData("aws:RequestTag/")]
    public void IsRequestKey_Malformed_False(string key) => Assert.False(RoleSessionContext.IsRequestKey(key));

    [Fact]
    public void Request_InjectedOrganizationAndTag_DecidesAsWithoutThem()
    {
        // Allowed only inside the organization and for the "x" team: a session outside the organization and
        // without the tag must not get in by sending the keys itself.
        var set = new PolicySet([PolicyTestKit.Policy("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"yes","aws:MultiFactorAuthPresent":"true"}}},
              {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalOrgID":"o-abcdefghij"}}},
              {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:PrincipalOrgID":"true"}}}]}
            """)]);
        var outsider = Session(organization: false) with { MfaPresent = false };
        var injected = new RequestContext()
            .Set("aws:PrincipalTag/x", "yes")
            .Set("aws:PrincipalOrgID", OrganizationId)
            .Set("aws:MultiFactorAuthPresent", "true");

        var plain = PolicyEvaluator.Evaluate(RoleSessionContext.Request(outsider, "s3:GetObject", PolicyTestKit.Object, null, Now), set);
        var withInjection = PolicyEvaluator.Evaluate(RoleSessionContext.Request(outsider, "s3:GetObject", PolicyTestKit.Object, injected, Now), set);
        var member = PolicyEvaluator.Evaluate(RoleSessionContext.Request(
            Session() with { PrincipalTags = new Dictionary<string, string> { ["x"] = "yes" } }, "s3:GetObject", PolicyTestKit.Object, null, Now), set);

        Assert.Equal(Decision.ExplicitDeny, plain.Decision);
        Assert.Equal(plain.Decision, withInjection.Decision);
        Assert.Equal(Decision.Allow, member.Decision);
    }

    [Fact]
    public void Build_SessionTagWithReservedPrefix_IsNotASessionTag()
    {
        var ignored = new List<string>();
        var session = Session() with { PrincipalTags = new Dictionary<string, string> { ["aws:PrincipalOrgID"] = "o-forged" } };

        var context = RoleSessionContext.Build(session, null, Now, ignored);

        Assert.Null(context.GetString("aws:PrincipalTag/aws:PrincipalOrgID"));
        Assert.Equal(OrganizationId, context.GetString("aws:PrincipalOrgID"));
        Assert.Equal(["aws:PrincipalTag/aws:PrincipalOrgID"], ignored);
    }
    [Fact]
    public void SessionKeys_ReusedAcrossRequests_EachContextIsTheSessionsAtThatRequest()
    {
        // The keys made once per session (AuthorizeService keeps them per opened token) give, at every request, exactly the
        // context a fresh build gives: the clock's keys of that request, no request key of an earlier one.
        var session = Session() with { PrincipalTags = new Dictionary<string, string> { ["team"] = "red", ["aws:PrincipalOrgID"] = "o-forged" } };
        var keys = RoleSessionContext.Keys(session);
        var later = Now.AddHours(2);

        var firstIgnored = new List<string>();
        var first = RoleSessionContext.Build(keys, new RequestContext().Set("aws:SourceIp", "10.0.0.1").Set("aws:PrincipalArn", "forged"), Now, firstIgnored);
        var secondIgnored = new List<string>();
        var second = RoleSessionContext.Build(keys, new RequestContext().Set("aws:RequestedRegion", "eu-west-1"), later, secondIgnored);

        Assert.Equal(Flatten(RoleSessionContext.Build(session, new RequestContext().Set("aws:SourceIp", "10.0.0.1").Set("aws:PrincipalArn", "forged"), Now)), Flatten(first));
        Assert.Equal(Flatten(RoleSessionContext.Build(session, new RequestContext().Set("aws:RequestedRegion", "eu-west-1"), later)), Flatten(second));
        Assert.Null(second.GetString("aws:SourceIp"));
        Assert.Equal("9000", second.GetString("aws:MultiFactorAuthAge"));
        Assert.Equal("2026-11-24T11:30:00Z", second.GetString("aws:CurrentTime"));
        Assert.Equal(session.RoleArn, first.GetString("aws:PrincipalArn"));
        Assert.Equal(["aws:PrincipalArn", "aws:PrincipalTag/aws:PrincipalOrgID"], firstIgnored);
        Assert.Equal(["aws:PrincipalTag/aws:PrincipalOrgID"], secondIgnored);
        Assert.Equal(session.AssumedRoleArn, RoleSessionContext.Request(keys, "s3:GetObject", "*", null, later).Principal);
        Assert.Equal(session.AwsUserId, keys.AwsUserId);
    }

    private static string[] Flatten(RequestContext context) =>
        [.. context.Select(p => p.Key + "=" + string.Join(",", Enumerable.Range(0, p.Value.Count).Select(i => p.Value[i]))).Order(StringComparer.Ordinal)];
}
