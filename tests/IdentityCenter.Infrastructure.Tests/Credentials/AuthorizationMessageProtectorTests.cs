using System.Text.Json.Nodes;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

/// <summary>The encoded authorization message of a denial: sealed per account, tamper-evident, expiring, within STS's 10,240 characters.</summary>
public sealed class AuthorizationMessageProtectorTests
{
    private const string Account = "111122223333";
    private const string Session = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly AuthorizationMessageProtector _messages;

    public AuthorizationMessageProtectorTests()
    {
        _messages = new AuthorizationMessageProtector(new EphemeralDataProtectionProvider(), _time);
    }

    [Fact]
    public void Seal_ThenOpenInTheSameAccount_TheFullDecodedMessage()
    {
        var message = Message(1);

        var encoded = _messages.Seal(Account, message);
        var opened = _messages.Open(Account, encoded);

        Assert.True(opened.Succeeded, opened.Error);
        Assert.Equal(AuthorizationMessageJson.Write(message), opened.DecodedMessage);
        Assert.DoesNotContain("alice", encoded, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", encoded);
    }

    [Fact]
    public void Open_ChangedMalformedOrAnotherAccount_Invalid()
    {
        var encoded = _messages.Seal(Account, Message(1));
        var middle = encoded.Length / 2;

        foreach (var (account, candidate) in new[]
        {
            (Account, encoded[..middle] + (encoded[middle] == 'A' ? 'B' : 'A') + encoded[(middle + 1)..]),
            (Account, encoded[..^1]),
            (Account, encoded + "AAAA"),
            (Account, "not base64url!"),
            (Account, ""),
            (Account, new string('A', AuthorizationMessageProtector.MaxEncodedLength + 4)),
            ("444455556666", encoded),
        })
        {
            var opened = _messages.Open(account, candidate);
            Assert.False(opened.Succeeded, candidate);
            Assert.Contains("not valid", opened.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Open_AfterTwelveHours_Expired()
    {
        var encoded = _messages.Seal(Account, Message(1));

        _time.Advance(AuthorizationMessageProtector.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(_messages.Open(Account, encoded).Succeeded);
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = _messages.Open(Account, encoded);

        Assert.False(expired.Succeeded);
        Assert.Contains("expired", expired.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_MessageTooLargeInFull_WrittenWithLessDetailWithinTheStsLimit()
    {
        var message = Message(400);

        var encoded = _messages.Seal(Account, message);
        var json = JsonNode.Parse(_messages.Open(Account, encoded).DecodedMessage!)!;

        Assert.True(encoded.Length <= AuthorizationMessageProtector.MaxEncodedLength, encoded.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(AuthorizationMessageJson.Write(message, AuthorizationMessageDetail.Full).Length > 4 * AuthorizationMessageProtector.MaxEncodedLength);
        Assert.Null(json["explanation"]);
        Assert.True(json["explicitDeny"]!.GetValue<bool>());
        Assert.Equal(Session, json["context"]!["principal"]!["arn"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Authorize_EveryDenialCarriesAMessage_ExplainedOrNot_AllowedDecisionsNone(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test, policySets: new FakePolicySets().Use(
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","ec2:TerminateInstances"],"Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Sid":"NoTerminate","Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*"}]}"""));
        var credentials = await kit.IssueAsync("u-1", "alice");

        var allowed = await kit.Authorizer.AuthorizeAsync(new AuthorizeInput(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "*"));
        var denied = await kit.Authorizer.AuthorizeAsync(new AuthorizeInput(credentials.AccessKeyId, credentials.SessionToken, "ec2:TerminateInstances", "*"));
        var implicitDeny = await kit.Authorizer.AuthorizeAsync(new AuthorizeInput(credentials.AccessKeyId, credentials.SessionToken, "iam:CreateUser", "*", Explain: true));

        Assert.Null(allowed.EncodedAuthorizationMessage);
        Assert.Null(denied.Explanation);
        Assert.NotNull(implicitDeny.Explanation);
        var deniedJson = JsonNode.Parse(kit.Messages.Open(CredentialsKit.Account, denied.EncodedAuthorizationMessage!).DecodedMessage!)!;
        var statement = Assert.Single(deniedJson["matchedStatements"]!["items"]!.AsArray())!;
        Assert.Equal(("NoTerminate", "Guardrail", "scp"), (statement["statementId"]!.GetValue<string>(), statement["policyName"]!.GetValue<string>(), statement["policyType"]!.GetValue<string>()));
        Assert.Equal(credentials.AssumedRoleArn, deniedJson["context"]!["principal"]!["arn"]!.GetValue<string>());
        Assert.Contains(deniedJson["context"]!["conditions"]!["items"]!.AsArray(), c => c!["key"]!.GetValue<string>() == "aws:username");
        var implicitJson = JsonNode.Parse(kit.Messages.Open(CredentialsKit.Account, implicitDeny.EncodedAuthorizationMessage!).DecodedMessage!)!;
        Assert.False(implicitJson["explicitDeny"]!.GetValue<bool>());
        Assert.Equal("iam:CreateUser", implicitJson["context"]!["action"]!.GetValue<string>());
    }

    /// <summary>An explicit deny by an SCP with <paramref name="statements"/> matching Deny statements.</summary>
    private static AuthorizationMessage Message(int statements)
    {
        var denies = string.Join(",", Enumerable.Range(0, statements).Select(i =>
            $$$$"""{"Sid":"Deny{{{{i}}}}","Effect":"Deny","Action":["s3:GetObject","s3:Get*{{{{i}}}}"],"Resource":["arn:aws:s3:::bucket-0/*","arn:aws:s3:::bucket-{{{{i}}}}/*"],"Condition":{"StringEquals":{"aws:RequestedRegion":["us-west-0","region-{{{{i}}}}"]}}}"""));
        var scp = PolicyParser.Parse($$"""{"Version":"2012-10-17","Statement":[{{denies}}]}""", PolicyKind.Scp).Document!;
        var identity = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.Managed).Document!;
        var set = new PolicySet([new NamedPolicy("Admin", identity)], serviceControlPolicies: [[new NamedPolicy("Guardrail", scp)]]);
        var request = new AuthorizationRequest(Session, "s3:GetObject", "arn:aws:s3:::bucket-0/key", new RequestContext().Set("aws:RequestedRegion", "us-west-0"));
        var explanation = PolicyEvaluator.Evaluate(request, set, explain: true).Explanation!;
        return AuthorizationMessageMapper.Map(request, set, explanation, "AROAEXAMPLEEXAMPLE234:alice");
    }
}
