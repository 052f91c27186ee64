using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Tests.Policies;

/// <summary>Small builders so each test reads as policy JSON plus a request.</summary>
internal static class PolicyTestKit
{
    public const string Alice = "arn:aws:iam::111122223333:user/alice";
    public const string Carol = "arn:aws:iam::444455556666:user/carol";
    public const string SsoSession = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice";
    public const string SsoRole = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef";
    public const string Object = "arn:aws:s3:::demo-bucket/reports/q1.csv";
    public const string Account = "111122223333";

    public const string AllowGetObject = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    public const string AllowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    public static NamedPolicy Policy(string json, PolicyKind kind = PolicyKind.Managed, string name = "test")
    {
        var result = PolicyParser.Parse(json, kind);
        Assert.True(result.Document is not null, "test policy did not parse: " + string.Join("; ", result.Findings));
        return new NamedPolicy(name, result.Document!);
    }

    /// <summary>An identity policy allowing <paramref name="action"/> on * with one condition.</summary>
    public static string AllowWithCondition(string conditionJson, string effect = "Allow", string action = "s3:GetObject") =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"{{effect}}","Action":"{{action}}","Resource":"*","Condition":{{conditionJson}}}]}""";

    public static AuthorizationRequest Request(
        string principal = Alice,
        string action = "s3:GetObject",
        string resource = Object,
        RequestContext? context = null) =>
        new(principal, action, resource, context ?? new RequestContext());

    public static RequestContext Context(params (string Key, string Value)[] entries)
    {
        var context = new RequestContext();
        foreach (var (key, value) in entries)
        {
            context.Set(key, value);
        }

        return context;
    }

    public static Decision Decide(AuthorizationRequest request, params string[] identityPolicies) =>
        PolicyEvaluator.Evaluate(request, new PolicySet(identityPolicies.Select(p => Policy(p)))).Decision;

    public static Decision Decide(AuthorizationRequest request, PolicySet set) => PolicyEvaluator.Evaluate(request, set).Decision;

    /// <summary>Decision of an identity policy holding one condition, for a request with the given context.</summary>
    public static Decision Condition(string conditionJson, RequestContext context) =>
        Decide(Request(context: context), AllowWithCondition(conditionJson));
}
