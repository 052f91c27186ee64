using System.Text.Json.Nodes;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using static IdentityCenter.Core.Tests.Policies.PolicyTestKit;

namespace IdentityCenter.Core.Tests.Policies.Evaluation;

/// <summary>The evaluator's explanation mapped to AWS's decoded authorization message (STS DecodeAuthorizationMessage).</summary>
public sealed class AuthorizationMessageTests
{
    private const string PrincipalId = "AROAEXAMPLEEXAMPLE234:alice";

    private const string Guardrail = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"DenyOutsideRegions","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}}},
          {"Sid":"Unrelated","Effect":"Deny","Action":"cloudtrail:DeleteTrail","Resource":"*"}]}
        """;

    private static AuthorizationRequest SessionRequest(string action = "s3:GetObject", string region = "ap-south-1") =>
        Request(SsoSession, action, PolicyTestKit.Object, new RequestContext()
            .Set("aws:RequestedRegion", region)
            .Set("aws:PrincipalArn", SsoRole)
            .Set("aws:TagKeys", "team", "cost-center"));

    private static AuthorizationMessage Map(AuthorizationRequest request, PolicySet set)
    {
        var explanation = PolicyEvaluator.Evaluate(request, set, explain: true).Explanation!;
        return AuthorizationMessageMapper.Map(request, set, explanation, PrincipalId);
    }

    [Fact]
    public void ExplicitDenyInAnScp_TheDenyStatementWithItsPolicyLevelAndContents()
    {
        var set = new PolicySet([Policy(AllowAll, name: "AdministratorAccess")], serviceControlPolicies: [[Policy(AllowAll, PolicyKind.Scp, "FullAWSAccess"), Policy(Guardrail, PolicyKind.Scp, "RegionGuardrail")]]);

        var message = Map(SessionRequest(), set);

        Assert.False(message.Allowed);
        Assert.True(message.ExplicitDeny);
        var statement = Assert.Single(message.MatchedStatements);
        Assert.Equal(PolicyType.ServiceControlPolicy, statement.PolicyType);
        Assert.Equal(0, statement.Level);
        Assert.Equal("RegionGuardrail", statement.PolicyName);
        Assert.Equal("DenyOutsideRegions", statement.StatementId);
        Assert.Equal(Effect.Deny, statement.Effect);
        Assert.True(statement.IsNotAction);
        Assert.Equal(["iam:*", "sts:*"], statement.Actions);
        Assert.Equal(["*"], statement.Resources);
        Assert.Equal(["AROAEXAMPLEEXAMPLE234"], statement.Principals);
        var condition = Assert.Single(statement.Conditions);
        Assert.Equal(("StringNotEquals", "aws:RequestedRegion"), (condition.Operator, condition.Key));
        Assert.Equal(PolicyType.ServiceControlPolicy, message.Explanation.DecidedBy);

        Assert.Equal(PrincipalId, message.Context.PrincipalId);
        Assert.Equal(SsoSession, message.Context.PrincipalArn);
        Assert.Equal("s3:GetObject", message.Context.Action);
        Assert.Equal(PolicyTestKit.Object, message.Context.Resource);
        Assert.Equal(["aws:PrincipalArn", "aws:RequestedRegion", "aws:TagKeys"], message.Context.Conditions.Select(c => c.Key));
        Assert.Equal(["team", "cost-center"], message.Context.Conditions[2].Value);
    }

    [Fact]
    public void ImplicitDenyByTheBoundary_TheCappedAllowStatementsAndTheBoundaryDecides()
    {
        var identity = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"Ec2","Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""";
        var set = new PolicySet([Policy(identity, name: "AwsSSOInlinePolicy")], permissionsBoundary: [Policy("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}""", name: "Boundary")]);

        var message = Map(SessionRequest(region: "us-east-1"), set);

        Assert.False(message.Allowed);
        Assert.False(message.ExplicitDeny);
        var statement = Assert.Single(message.MatchedStatements);
        Assert.Equal((PolicyType.IdentityPolicy, "AwsSSOInlinePolicy", "#0", Effect.Allow), (statement.PolicyType, statement.PolicyName, statement.StatementId, statement.Effect));
        Assert.Equal(["s3:*"], statement.Actions);
        Assert.Equal(PolicyType.PermissionsBoundary, message.Explanation.DecidedBy);
    }

    [Fact]
    public void ResourcePolicyStatement_ListsItsPrincipalElement()
    {
        var bucketPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"NoOne","Effect":"Deny","Principal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"s3:GetObject","Resource":"*"}]}""";
        var set = new PolicySet([Policy(AllowAll)], resource: Policy(bucketPolicy, PolicyKind.Resource, "BucketPolicy"), resourceAccount: Account);

        var statement = Assert.Single(Map(SessionRequest(region: "us-east-1"), set).MatchedStatements);

        Assert.Equal(PolicyType.ResourcePolicy, statement.PolicyType);
        Assert.Null(statement.Level);
        Assert.Equal(["arn:aws:iam::111122223333:root"], statement.Principals);
    }

    [Fact]
    public void Json_AwsDecodedMessageShape_WithThePolicyAndTheExplanation()
    {
        var set = new PolicySet([Policy(AllowAll, name: "AdministratorAccess")], serviceControlPolicies: [[Policy(Guardrail, PolicyKind.Scp, "RegionGuardrail")]]);

        var json = JsonNode.Parse(AuthorizationMessageJson.Write(Map(SessionRequest(), set)))!;

        Assert.False(json["allowed"]!.GetValue<bool>());
        Assert.True(json["explicitDeny"]!.GetValue<bool>());
        var item = Assert.Single(json["matchedStatements"]!["items"]!.AsArray())!;
        Assert.Equal("DenyOutsideRegions", item["statementId"]!.GetValue<string>());
        Assert.Equal("DENY", item["effect"]!.GetValue<string>());
        Assert.Equal("AROAEXAMPLEEXAMPLE234", item["principals"]!["items"]![0]!["value"]!.GetValue<string>());
        Assert.Empty(item["principalGroups"]!["items"]!.AsArray());
        Assert.Null(item["actions"]);
        Assert.Equal(["iam:*", "sts:*"], item["notActions"]!["items"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()));
        Assert.Equal("*", item["resources"]!["items"]![0]!["value"]!.GetValue<string>());
        var condition = item["conditions"]!["items"]![0]!;
        Assert.Equal("aws:RequestedRegion", condition["key"]!.GetValue<string>());
        Assert.Equal("StringNotEquals", condition["operator"]!.GetValue<string>());
        Assert.Equal(["us-east-1", "eu-west-1"], condition["values"]!["items"]!.AsArray().Select(v => v!["value"]!.GetValue<string>()));
        Assert.Equal(("scp", 0, "RegionGuardrail"), (item["policyType"]!.GetValue<string>(), item["level"]!.GetValue<int>(), item["policyName"]!.GetValue<string>()));
        Assert.Empty(json["failures"]!["items"]!.AsArray());

        var context = json["context"]!;
        Assert.Equal(PrincipalId, context["principal"]!["id"]!.GetValue<string>());
        Assert.Equal(SsoSession, context["principal"]!["arn"]!.GetValue<string>());
        Assert.Equal("s3:GetObject", context["action"]!.GetValue<string>());
        Assert.Equal(PolicyTestKit.Object, context["resource"]!.GetValue<string>());
        var region = context["conditions"]!["items"]!.AsArray().Single(c => c!["key"]!.GetValue<string>() == "aws:RequestedRegion")!;
        Assert.Equal("ap-south-1", region["values"]!["items"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("scp", json["explanation"]!["decidedBy"]!.GetValue<string>());
    }

    [Fact]
    public void Json_LessDetail_DropsTheExplanationThenConditionsAndStatements()
    {
        var denies = string.Join(",", Enumerable.Range(0, 5).Select(i => $$$$"""{"Sid":"D{{{{i}}}}","Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"ap-south-1"}}}"""));
        var set = new PolicySet([Policy(AllowAll), Policy($$"""{"Version":"2012-10-17","Statement":[{{denies}}]}""", name: "Denies")]);
        var message = Map(SessionRequest(), set);

        var compact = JsonNode.Parse(AuthorizationMessageJson.Write(message, AuthorizationMessageDetail.Compact))!;
        var minimal = JsonNode.Parse(AuthorizationMessageJson.Write(message, AuthorizationMessageDetail.Minimal))!;

        Assert.Equal(5, message.MatchedStatements.Count);
        Assert.Null(compact["explanation"]);
        Assert.Equal(5, compact["matchedStatements"]!["items"]!.AsArray().Count);
        Assert.All(compact["matchedStatements"]!["items"]!.AsArray(), s => Assert.Empty(s!["conditions"]!["items"]!.AsArray()));
        Assert.Equal(3, compact["context"]!["conditions"]!["items"]!.AsArray().Count);
        Assert.Equal(["D0", "D1", "D2"], minimal["matchedStatements"]!["items"]!.AsArray().Select(s => s!["statementId"]!.GetValue<string>()));
        Assert.Empty(minimal["context"]!["conditions"]!["items"]!.AsArray());
        Assert.Equal(SsoSession, minimal["context"]!["principal"]!["arn"]!.GetValue<string>());
    }
}
