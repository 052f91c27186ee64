using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

public sealed class AuthorizeServiceTests
{
    private const string Identity = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["s3:GetObject","ec2:TerminateInstances"],"Resource":"*"},
          {"Sid":"SameOrgTeam","Effect":"Allow","Action":"dynamodb:PutItem","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorg1","aws:PrincipalTag/team":"blue"},"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}
        """;

    private const string Scp = """{"Version":"2012-10-17","Statement":[{"Sid":"NoTerminate","Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}""";

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Authorize_Decisions_FromTheSharedEvaluatorWithSessionContext(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Identity, Scp));
        var mfa = await kit.IssueAsync("u-1", "alice", mfa: true);
        var noMfa = await kit.IssueAsync("u-2", "bob", mfa: false);

        var allowed = await kit.Authorizer.AuthorizeAsync(Input(mfa, "s3:GetObject", "arn:aws:s3:::b/k"));
        var scpDenied = await kit.Authorizer.AuthorizeAsync(Input(mfa, "ec2:TerminateInstances", "*", explain: true));
        var implicitDeny = await kit.Authorizer.AuthorizeAsync(Input(mfa, "iam:CreateUser", "*"));
        var conditions = await kit.Authorizer.AuthorizeAsync(Input(mfa, "dynamodb:PutItem", "*"));
        var conditionsWithoutMfa = await kit.Authorizer.AuthorizeAsync(Input(noMfa, "dynamodb:PutItem", "*"));

        Assert.Equal(Decision.Allow, allowed.Decision);
        Assert.Equal(new AuthorizePrincipal(mfa.AssumedRoleArn, CredentialsKit.Account, "alice"), allowed.Principal);
        Assert.Null(allowed.Explanation);
        Assert.Equal(Decision.ExplicitDeny, scpDenied.Decision);
        Assert.Equal(PolicyType.ServiceControlPolicy, scpDenied.Explanation?.DecidedBy);
        Assert.Equal(Decision.ImplicitDeny, implicitDeny.Decision);
        Assert.Equal(Decision.Allow, conditions.Decision);
        Assert.Equal(Decision.ImplicitDeny, conditionsWithoutMfa.Decision);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Authorize_BadTokens_CredentialErrors(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Identity));
        var credentials = await kit.IssueAsync("u-1");

        var middle = credentials.SessionToken.Length / 2;
        var changed = credentials.SessionToken[..middle] + (credentials.SessionToken[middle] == 'A' ? 'B' : 'A') + credentials.SessionToken[(middle + 1)..];
        var tampered = await kit.Authorizer.AuthorizeAsync(Input(credentials, "s3:GetObject", "*") with { SessionToken = changed });
        await kit.Revocation.RevokeUserAsync("u-1", Actor.System);
        var revoked = await kit.Authorizer.AuthorizeAsync(Input(credentials, "s3:GetObject", "*"));
        test.Time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await kit.IssueAsync("u-1");
        test.Time.Advance(TimeSpan.FromHours(2));
        var expired = await kit.Authorizer.AuthorizeAsync(Input(fresh, "s3:GetObject", "*"));

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, tampered.Error?.Code);
        Assert.Equal(CredentialErrorCode.TokenRevoked, revoked.Error?.Code);
        Assert.Equal(CredentialErrorCode.ExpiredToken, expired.Error?.Code);
        Assert.All([tampered, revoked, expired], o => Assert.Null(o.Principal));
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Authorize_PermissionSetGone_TokenRevoked(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Identity));
        var credentials = await kit.IssueAsync("u-1");
        kit.PolicySets.Set = null;

        var outcome = await kit.Authorizer.AuthorizeAsync(Input(credentials, "s3:GetObject", "*"));

        Assert.Equal(CredentialErrorCode.TokenRevoked, outcome.Error?.Code);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Authorize_AuditAndAccessAdvisor_DeniedEachAllowedAggregated(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Identity, Scp));
        var credentials = await kit.IssueAsync("u-1", "alice");

        for (var i = 0; i < 5; i++)
        {
            await kit.Authorizer.AuthorizeAsync(Input(credentials, "s3:GetObject", "arn:aws:s3:::b/k"));
        }

        await kit.Authorizer.AuthorizeAsync(Input(credentials, "ec2:TerminateInstances", "*"));
        await kit.Authorizer.AuthorizeAsync(Input(credentials, "ec2:TerminateInstances", "*"));
        foreach (var e in kit.Allowed.Drain())
        {
            kit.Audit.Enqueue(e);
        }

        await kit.Audit.FlushAsync();
        await kit.Advisor.FlushAsync();

        var events = (await test.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: CredentialAuditNames.Authorize))).Items;
        Assert.Equal(2, events.Count(e => e.ErrorCode == "AccessDenied" && e.RequestParameters["action"] == "ec2:TerminateInstances"));
        var allowed = Assert.Single(events, e => e.ErrorCode is null);
        Assert.Equal("5", allowed.AdditionalEventData["count"]);
        Assert.Equal(credentials.AssumedRoleArn, allowed.RequestParameters["principalArn"]);
        var byUser = await kit.Advisor.ForUserAsync("u-1");
        var s3 = Assert.Single(byUser, r => r.Action == "s3:GetObject");
        Assert.Equal(("s3", 5L, 0L, "Allow"), (s3.ServiceNamespace, s3.AllowedCount, s3.DeniedCount, s3.LastDecision));
        var ec2 = Assert.Single(byUser, r => r.Action == "ec2:TerminateInstances");
        Assert.Equal((0L, 2L, "Deny"), (ec2.AllowedCount, ec2.DeniedCount, ec2.LastDecision));
        Assert.Equal(2, (await kit.Advisor.ForPermissionSetAsync(CredentialsKit.PermissionSetId)).Count);

        // A second flush adds to the stored counts rather than replacing them.
        await kit.Authorizer.AuthorizeAsync(Input(credentials, "s3:GetObject", "arn:aws:s3:::b/k"));
        await kit.Advisor.FlushAsync();
        Assert.Equal(6, (await kit.Advisor.ForUserAsync("u-1")).Single(r => r.Action == "s3:GetObject").AllowedCount);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task AuthorizeValidated_DecidesAsTheTokenPath_ForEverySession(string provider)
    {
        // The AWS endpoints validate the credentials while verifying the signature, then evaluate the claims they got
        // (AuthorizeValidatedAsync). Both doors must decide the same, request after request, with each session's own keys.
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(Identity, Scp));
        var validator = new SessionCredentialValidator(kit.Protector, kit.Snapshot);
        var alice = await kit.IssueAsync("u-1", "alice", mfa: true);
        var bob = await kit.IssueAsync("u-2", "bob", mfa: false);
        string[] actions = ["s3:GetObject", "ec2:TerminateInstances", "iam:CreateUser", "dynamodb:PutItem"];

        for (var round = 0; round < 3; round++)
        {
            foreach (var credentials in new[] { alice, bob, alice })
            {
                var claims = validator.Validate(credentials.SessionToken, credentials.AccessKeyId).Claims!;
                foreach (var action in actions)
                {
                    var byToken = await kit.Authorizer.AuthorizeAsync(Input(credentials, action, "*"));
                    var validated = await kit.Authorizer.AuthorizeValidatedAsync(claims, Input(credentials, action, "*"));

                    Assert.Equal(byToken.Decision, validated.Decision);
                    Assert.Equal(byToken.Principal, validated.Principal);
                    Assert.Equal(credentials.AssumedRoleArn, validated.Principal!.Arn);
                }
            }

            test.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var aliceClaims = validator.Validate(alice.SessionToken, alice.AccessKeyId).Claims!;
        Assert.Equal(Decision.Allow, (await kit.Authorizer.AuthorizeValidatedAsync(aliceClaims, Input(alice, "dynamodb:PutItem", "*"))).Decision);
        var bobClaims = validator.Validate(bob.SessionToken, bob.AccessKeyId).Claims!;
        Assert.Equal(Decision.ImplicitDeny, (await kit.Authorizer.AuthorizeValidatedAsync(bobClaims, Input(bob, "dynamodb:PutItem", "*"))).Decision);
    }

    private static AuthorizeInput Input(RoleCredentials c, string action, string resource, bool explain = false) =>
        new(c.AccessKeyId, c.SessionToken, action, resource, null, explain);
}
