using CsCheck;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Tests.Policies;

/// <summary>Property tests (CsCheck): the parser never throws; Deny and Allow statements move decisions the right way.</summary>
public sealed class PolicyPropertyTests
{
    private static readonly string[] Actions = ["*", "s3:*", "s3:GetObject", "s3:Get*", "s3:PutObject", "ec2:*", "dynamodb:GetItem", "s3:?etObject"];

    private static readonly string[] Resources =
        ["*", "arn:aws:s3:::demo-bucket/*", "arn:aws:s3:::demo-bucket/reports/*", "arn:aws:s3:::other/*", "arn:aws:s3:::demo-*", "arn:aws:dynamodb:*:*:table/Orders"];

    private static readonly string[] Conditions =
    [
        "",
        ""","Condition":{"StringEquals":{"aws:PrincipalTag/team":"data"}}""",
        ""","Condition":{"StringNotEquals":{"aws:PrincipalTag/team":"data"}}""",
        ""","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}""",
        ""","Condition":{"Bool":{"aws:SecureTransport":"true"}}""",
        ""","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}""",
        ""","Condition":{"ForAnyValue:StringLike":{"aws:TagKeys":"t*"}}""",
        ""","Condition":{"Null":{"aws:PrincipalTag/cc":"true"}}""",
        ""","Condition":{"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}}""",
    ];

    private static readonly Gen<string> GenStatementBody =
        Gen.Select(Gen.OneOf(Actions), Gen.OneOf(Resources), Gen.OneOf(Conditions), Gen.Bool, Gen.Bool)
            .Select((action, resource, condition, notAction, notResource) =>
                $$"""{{(notAction ? "NotAction" : "Action")}}":"{{action}}","{{(notResource ? "NotResource" : "Resource")}}":"{{resource}}"{{condition}}""");

    private static readonly Gen<string> GenStatement =
        Gen.Select(Gen.OneOf("Allow", "Deny"), GenStatementBody).Select((effect, body) => $$"""{"Effect":"{{effect}}","{{body}}}""");

    private static readonly Gen<string> GenPolicy =
        GenStatement.Array[1, 3].Select(statements => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""");

    private static readonly Gen<AuthorizationRequest> GenRequest =
        Gen.Select(
                Gen.OneOf("s3:GetObject", "s3:PutObject", "ec2:StartInstances", "dynamodb:GetItem"),
                Gen.OneOf("arn:aws:s3:::demo-bucket/reports/q1.csv", "arn:aws:s3:::other/x", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders"),
                Gen.OneOf("data", "web", null),
                Gen.OneOf("203.0.113.7", "198.51.100.1"),
                Gen.OneOf<string[]?>(null, [], ["env"], ["env", "team"]))
            .Select((action, resource, team, ip, tagKeys) =>
            {
                var context = new RequestContext().Set("aws:SourceIp", ip).Set("aws:CurrentTime", "2026-11-23T10:00:00Z");
                if (team is not null)
                {
                    context.Set("aws:PrincipalTag/team", team);
                }

                if (tagKeys is not null)
                {
                    context.Set("aws:TagKeys", tagKeys);
                }

                return new AuthorizationRequest("arn:aws:iam::111122223333:user/alice", action, resource, context);
            });

    private static readonly Gen<string> GenScalarJson = Gen.OneOf(
        Gen.OneOf("\"Allow\"", "\"Deny\"", "\"*\"", "\"s3:GetObject\"", "\"arn:aws:s3:::b/*\"", "\"2012-10-17\"", "\"${aws:username}\"", "\"10.0.0.0/8\"", "true", "null", "42", "-1.5e3", "\"\""),
        Gen.String[0, 12].Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    private static readonly Gen<string> GenKeyJson = Gen.OneOf(
        Gen.OneOf("Version", "Statement", "Id", "Sid", "Effect", "Principal", "NotPrincipal", "AWS", "Service", "Action", "NotAction", "Resource", "NotResource", "Condition", "StringEquals", "ForAnyValue:StringLike", "IpAddress", "Null", "aws:SourceIp", "aws:TagKeys"),
        Gen.String[0, 8]);

    private static Gen<string> GenJson(int depth) => depth == 0
        ? GenScalarJson
        : Gen.Frequency(
            (2, GenScalarJson),
            (1, GenJson(depth - 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")),
            (3, Gen.Select(GenKeyJson, GenJson(depth - 1)).Array[0, 4].Select(properties =>
                "{" + string.Join(",", properties.Select(p => System.Text.Json.JsonSerializer.Serialize(p.Item1) + ":" + p.Item2)) + "}")));

    private static NamedPolicy Named(string json) => new("p", PolicyParser.Parse(json).Document!);

    [Fact]
    public void Parse_RandomText_NeverThrows()
    {
        Gen.String.Sample(text =>
        {
            var result = PolicyParser.Parse(text, PolicyKind.Managed);
            Assert.NotNull(result.Findings);
        }, iter: 2000);
    }

    [Fact]
    public void Parse_RandomJsonOfPolicyShape_NeverThrowsAndDocumentOnlyWhenStructureHolds()
    {
        GenJson(4).Sample(json =>
        {
            foreach (var kind in Enum.GetValues<PolicyKind>())
            {
                var result = PolicyParser.Parse(json, kind);
                if (result.Document is null)
                {
                    Assert.Contains(result.Findings, f => f.Severity == FindingSeverity.Error);
                }
                else
                {
                    // Whatever parsed must also compile and evaluate without throwing.
                    var named = new NamedPolicy("random", result.Document);
                    var request = new AuthorizationRequest("arn:aws:iam::111122223333:user/alice", "s3:GetObject", "arn:aws:s3:::b/k", new RequestContext().Set("aws:username", "alice"));
                    var set = new PolicySet([named], named, "111122223333", [[named]], [[named]], [named], [named]);
                    var decision = PolicyEvaluator.Evaluate(request, set, explain: true).Decision;
                    Assert.NotEqual(Decision.Error, decision);
                }
            }
        }, iter: 3000);
    }

    [Fact]
    public void Parse_MutatedValidPolicy_NeverThrowsAndPositionsFindings()
    {
        var mutation = Gen.Select(GenPolicy, Gen.Int[0, 3], Gen.Int[0, 10_000], Gen.Char["{}[]\":,*$ aZ09\\"]);
        mutation.Sample((policy, kind, position, ch) =>
        {
            var at = position % (policy.Length + 1);
            var mutated = kind switch
            {
                0 => policy.Remove(Math.Min(at, policy.Length - 1), 1),
                1 => policy.Insert(at, ch.ToString()),
                2 => policy[..at],
                _ => policy.Replace("\"Effect\"", "\"Efect\"", StringComparison.Ordinal),
            };
            foreach (var policyKind in Enum.GetValues<PolicyKind>())
            {
                var result = PolicyParser.Parse(mutated, policyKind);
                Assert.All(result.Findings, f => Assert.True(f.Line >= 1 && f.Column >= 1 && f.Path.StartsWith('$')));
            }
        }, iter: 2000);
    }

    [Fact]
    public void EvaluationCase_MutatedLine_NeverThrowsAndAlwaysAnswers()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Policies", "Cases", "cases-public.jsonl"));
        Gen.Select(Gen.Int[0, lines.Length - 1], Gen.Int[0, 3], Gen.Int[0, 100_000], Gen.Char["{}[]\":,*$ 0aZ"]).Sample((index, kind, position, ch) =>
        {
            var line = lines[index];
            var at = position % line.Length;
            var mutated = kind switch
            {
                0 => line.Remove(at, 1),
                1 => line.Insert(at, ch.ToString()),
                2 => line[..at],
                _ => line.Replace("\"Allow\"", "[\"Allow\"]", StringComparison.Ordinal),
            };

            var parsed = EvaluationCase.Parse(mutated);
            if (parsed.Error is null)
            {
                Assert.NotEqual(Decision.Error, PolicyEvaluator.Evaluate(parsed.Request!, parsed.Policies!, explain: true).Decision);
            }
            else
            {
                Assert.Null(parsed.Request);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Evaluate_AddingDenyStatement_NeverTurnsDenyIntoAllow()
    {
        Gen.Select(GenPolicy.Array[0, 3], GenStatementBody, GenRequest).Sample((policies, denyBody, request) =>
        {
            var before = PolicyEvaluator.Evaluate(request, new PolicySet(policies.Select(Named))).Decision;
            var deny = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","{{denyBody}}}]}""";
            var after = PolicyEvaluator.Evaluate(request, new PolicySet(policies.Append(deny).Select(Named))).Decision;

            if (before != Decision.Allow)
            {
                Assert.NotEqual(Decision.Allow, after);
            }

            if (before == Decision.ExplicitDeny)
            {
                Assert.Equal(Decision.ExplicitDeny, after);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Evaluate_AddingAllowToIdentityPolicies_NeverRemovesAllow()
    {
        Gen.Select(GenPolicy.Array[0, 3], GenStatementBody, GenRequest).Sample((policies, allowBody, request) =>
        {
            var before = PolicyEvaluator.Evaluate(request, new PolicySet(policies.Select(Named))).Decision;
            var allow = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","{{allowBody}}}]}""";
            var after = PolicyEvaluator.Evaluate(request, new PolicySet(policies.Append(allow).Select(Named))).Decision;

            if (before == Decision.Allow)
            {
                Assert.Equal(Decision.Allow, after);
            }

            if (before == Decision.ExplicitDeny)
            {
                Assert.Equal(Decision.ExplicitDeny, after);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Evaluate_ExplainFlag_NeverChangesDecision()
    {
        Gen.Select(GenPolicy.Array[0, 3], GenRequest).Sample((policies, request) =>
        {
            var set = new PolicySet(policies.Select(Named));

            Assert.Equal(PolicyEvaluator.Evaluate(request, set).Decision, PolicyEvaluator.Evaluate(request, set, explain: true).Decision);
        }, iter: 2000);
    }
}
