using IdentityCenter.Core.Policies.Evaluation;
using static IdentityCenter.Core.Tests.Policies.PolicyTestKit;

namespace IdentityCenter.Core.Tests.Policies.Evaluation.Conditions;

/// <summary>One group of tests per operator family, plus the missing-key and set-qualifier rules.</summary>
public sealed class ConditionOperatorTests
{
    private static string Cond(string op, string key, string value) => "{\"" + op + "\":{\"" + key + "\":\"" + value + "\"}}";

    private static Decision With(string condition, params (string Key, string Value)[] context) => Condition(condition, Context(context));

    private static Decision WithSet(string condition, string key, params string[] values) =>
        Condition(condition, new RequestContext().Set(key, values));

    [Theory]
    [InlineData("StringEquals", "data", "data", Decision.Allow)]
    [InlineData("StringEquals", "data", "Data", Decision.ImplicitDeny)]
    [InlineData("StringNotEquals", "data", "web", Decision.Allow)]
    [InlineData("StringNotEquals", "data", "data", Decision.ImplicitDeny)]
    [InlineData("StringEqualsIgnoreCase", "data", "DATA", Decision.Allow)]
    [InlineData("StringNotEqualsIgnoreCase", "data", "DaTa", Decision.ImplicitDeny)]
    [InlineData("StringLike", "da*", "database", Decision.Allow)]
    [InlineData("StringLike", "d?ta", "data", Decision.Allow)]
    [InlineData("StringLike", "d?ta", "daata", Decision.ImplicitDeny)]
    [InlineData("StringLike", "Da*", "data", Decision.ImplicitDeny)]
    [InlineData("StringNotLike", "web*", "data", Decision.Allow)]
    [InlineData("StringNotLike", "da*", "data", Decision.ImplicitDeny)]
    public void String_Operators(string op, string policyValue, string requestValue, Decision expected)
    {
        Assert.Equal(expected, With(Cond(op, "aws:PrincipalTag/team", policyValue), ("aws:PrincipalTag/team", requestValue)));
    }

    [Theory]
    [InlineData("NumericEquals", "10", "10.0", Decision.Allow)]
    [InlineData("NumericNotEquals", "10", "11", Decision.Allow)]
    [InlineData("NumericNotEquals", "10", "10", Decision.ImplicitDeny)]
    [InlineData("NumericLessThan", "100", "99", Decision.Allow)]
    [InlineData("NumericLessThan", "100", "100", Decision.ImplicitDeny)]
    [InlineData("NumericLessThanEquals", "100", "100", Decision.Allow)]
    [InlineData("NumericGreaterThan", "100", "101", Decision.Allow)]
    [InlineData("NumericGreaterThan", "100", "100", Decision.ImplicitDeny)]
    [InlineData("NumericGreaterThanEquals", "100", "100", Decision.Allow)]
    [InlineData("NumericEquals", "10", "ten", Decision.ImplicitDeny)]
    public void Numeric_Operators(string op, string policyValue, string requestValue, Decision expected)
    {
        Assert.Equal(expected, With(Cond(op, "s3:max-keys", policyValue), ("s3:max-keys", requestValue)));
    }

    [Theory]
    [InlineData("DateEquals", "2026-11-23T10:00:00Z", Decision.Allow)]
    [InlineData("DateEquals", "2026-11-23T12:00:00+02:00", Decision.Allow)]
    [InlineData("DateEquals", "2026-11-23T05:00:00-05:00", Decision.Allow)]
    [InlineData("DateEquals", "1795428000", Decision.Allow)]
    [InlineData("DateNotEquals", "2026-11-23T10:00:01Z", Decision.Allow)]
    [InlineData("DateLessThan", "2026-11-23T11:00:00+00:00", Decision.Allow)]
    [InlineData("DateLessThan", "2026-11-23T11:00:00+02:00", Decision.ImplicitDeny)]
    [InlineData("DateLessThanEquals", "2026-11-23T10:00:00Z", Decision.Allow)]
    [InlineData("DateGreaterThan", "2026-11-23", Decision.Allow)]
    [InlineData("DateGreaterThan", "1795428001", Decision.ImplicitDeny)]
    [InlineData("DateGreaterThanEquals", "1795428000", Decision.Allow)]
    public void Date_Operators_HandleOffsetsAndEpochSeconds(string op, string policyValue, Decision expected)
    {
        Assert.Equal(expected, With(Cond(op, "aws:CurrentTime", policyValue), ("aws:CurrentTime", "2026-11-23T10:00:00Z")));
    }

    [Fact]
    public void Date_RequestValueInEpochSeconds_ComparesWithIsoPolicyValue()
    {
        Assert.Equal(Decision.Allow, With("""{"DateLessThan":{"aws:EpochTime":"2027-01-01T00:00:00Z"}}""", ("aws:EpochTime", "1795428000")));
    }

    [Theory]
    [InlineData("true", "true", Decision.Allow)]
    [InlineData("true", "TRUE", Decision.Allow)]
    [InlineData("true", "false", Decision.ImplicitDeny)]
    [InlineData("false", "false", Decision.Allow)]
    public void Bool_Operator(string policyValue, string requestValue, Decision expected)
    {
        Assert.Equal(expected, With(Cond("Bool", "aws:SecureTransport", policyValue), ("aws:SecureTransport", requestValue)));
    }

    [Fact]
    public void Bool_JsonBooleanPolicyValue_IsAccepted()
    {
        Assert.Equal(Decision.Allow, With("""{"Bool":{"aws:MultiFactorAuthPresent":true}}""", ("aws:MultiFactorAuthPresent", "true")));
    }

    [Fact]
    public void Bool_AbsentKey_DoesNotMatchButBoolIfExistsDoes()
    {
        Assert.Equal(Decision.ImplicitDeny, With("""{"Bool":{"aws:SecureTransport":"false"}}"""));
        Assert.Equal(Decision.Allow, With("""{"BoolIfExists":{"aws:SecureTransport":"false"}}"""));
    }

    [Fact]
    public void BinaryEquals_ComparesBase64()
    {
        Assert.Equal(Decision.Allow, With("""{"BinaryEquals":{"s3:x-amz-key":"QmluYXJ5"}}""", ("s3:x-amz-key", "QmluYXJ5")));
        Assert.Equal(Decision.ImplicitDeny, With("""{"BinaryEquals":{"s3:x-amz-key":"QmluYXJ5"}}""", ("s3:x-amz-key", "QmluYXJ6")));
    }

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.7", Decision.Allow)]
    [InlineData("203.0.113.0/24", "203.0.114.7", Decision.ImplicitDeny)]
    [InlineData("203.0.113.7", "203.0.113.7", Decision.Allow)]
    [InlineData("0.0.0.0/0", "198.51.100.1", Decision.Allow)]
    [InlineData("0.0.0.0/0", "2001:db8::1", Decision.ImplicitDeny)]
    [InlineData("2001:DB8::/32", "2001:db8:0:0:0:0:0:1", Decision.Allow)]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0000/32", "2001:DB8::ABCD", Decision.Allow)]
    [InlineData("2001:db8::/32", "2001:db9::1", Decision.ImplicitDeny)]
    [InlineData("::/0", "203.0.113.7", Decision.ImplicitDeny)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.7", Decision.ImplicitDeny)]
    public void IpAddress_Operator_HandlesIpv4AndIpv6(string cidr, string address, Decision expected)
    {
        Assert.Equal(expected, With(Cond("IpAddress", "aws:SourceIp", cidr), ("aws:SourceIp", address)));
    }

    [Fact]
    public void NotIpAddress_WithSeveralBlocks_TrueOnlyOutsideAll()
    {
        const string condition = """{"NotIpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.0/24"]}}""";

        Assert.Equal(Decision.ImplicitDeny, With(condition, ("aws:SourceIp", "198.51.100.9")));
        Assert.Equal(Decision.Allow, With(condition, ("aws:SourceIp", "192.0.2.1")));
    }

    [Theory]
    [InlineData("ArnEquals", "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:role/Admin", Decision.Allow)]
    [InlineData("ArnLike", "arn:aws:iam::*:role/Ad*", "arn:aws:iam::111122223333:role/Admin", Decision.Allow)]
    [InlineData("ArnLike", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/path/Admin", Decision.Allow)]
    [InlineData("ArnLike", "arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/Admin", Decision.ImplicitDeny)]
    [InlineData("ArnLike", "arn:aws:iam::*:role/Admin", "not-an-arn", Decision.ImplicitDeny)]
    [InlineData("ArnNotEquals", "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:role/Other", Decision.Allow)]
    [InlineData("ArnNotLike", "arn:aws:iam::111122223333:role/*", "arn:aws:iam::111122223333:role/Admin", Decision.ImplicitDeny)]
    public void Arn_Operators_MatchComponentWise(string op, string policyValue, string requestValue, Decision expected)
    {
        Assert.Equal(expected, With(Cond(op, "aws:PrincipalArn", policyValue), ("aws:PrincipalArn", requestValue)));
    }

    [Fact]
    public void ArnLike_WildcardInRegionSegment_DoesNotCrossColon()
    {
        Assert.Equal(Decision.ImplicitDeny, With("""{"ArnLike":{"aws:SourceArn":"arn:aws:sqs:*:queue"}}""", ("aws:SourceArn", "arn:aws:sqs:us-east-1:111122223333:queue")));
    }

    [Fact]
    public void Null_Operator_TestsPresence()
    {
        Assert.Equal(Decision.Allow, With("""{"Null":{"aws:PrincipalTag/team":"true"}}"""));
        Assert.Equal(Decision.ImplicitDeny, With("""{"Null":{"aws:PrincipalTag/team":"true"}}""", ("aws:PrincipalTag/team", "data")));
        Assert.Equal(Decision.Allow, With("""{"Null":{"aws:PrincipalTag/team":"false"}}""", ("aws:PrincipalTag/team", "data")));
        Assert.Equal(Decision.ImplicitDeny, With("""{"Null":{"aws:PrincipalTag/team":"false"}}"""));
    }

    [Theory]
    [InlineData("StringNotEquals")]
    [InlineData("StringNotLike")]
    [InlineData("StringNotEqualsIgnoreCase")]
    [InlineData("NotIpAddress")]
    [InlineData("ArnNotLike")]
    [InlineData("ArnNotEquals")]
    [InlineData("NumericNotEquals")]
    [InlineData("DateNotEquals")]
    public void NegatedOperators_AbsentKey_AreTrue(string op)
    {
        var value = op.Contains("Ip", StringComparison.Ordinal) ? "10.0.0.0/8" : op.StartsWith("Arn", StringComparison.Ordinal) ? "arn:aws:iam::1:role/x" : op.StartsWith("Numeric", StringComparison.Ordinal) ? "1" : op.StartsWith("Date", StringComparison.Ordinal) ? "2020-01-01T00:00:00Z" : "x";

        Assert.Equal(Decision.Allow, With(Cond(op, "aws:SomeMissingKey", value)));
    }

    [Theory]
    [InlineData("StringEquals")]
    [InlineData("StringLike")]
    [InlineData("IpAddress")]
    [InlineData("ArnLike")]
    [InlineData("NumericEquals")]
    [InlineData("DateEquals")]
    [InlineData("Bool")]
    public void PositiveOperators_AbsentKey_AreFalse(string op)
    {
        var value = op == "IpAddress" ? "10.0.0.0/8" : op == "ArnLike" ? "arn:aws:*" : op == "NumericEquals" ? "1" : op == "DateEquals" ? "2020-01-01" : op == "Bool" ? "true" : "*";

        Assert.Equal(Decision.ImplicitDeny, With(Cond(op, "aws:SomeMissingKey", value)));
    }

    [Fact]
    public void NegatedOperator_SeveralValues_TrueOnlyIfValueMatchesNone()
    {
        const string condition = """{"StringNotEquals":{"aws:PrincipalTag/team":["data","web"]}}""";

        Assert.Equal(Decision.ImplicitDeny, With(condition, ("aws:PrincipalTag/team", "web")));
        Assert.Equal(Decision.Allow, With(condition, ("aws:PrincipalTag/team", "ops")));
    }

    [Fact]
    public void SeveralValues_AreOr_SeveralKeysAndOperators_AreAnd()
    {
        const string condition = """{"StringEquals":{"aws:PrincipalTag/team":["data","web"],"aws:RequestedRegion":"us-east-1"},"Bool":{"aws:SecureTransport":"true"}}""";

        Assert.Equal(Decision.Allow, With(condition, ("aws:PrincipalTag/team", "web"), ("aws:RequestedRegion", "us-east-1"), ("aws:SecureTransport", "true")));
        Assert.Equal(Decision.ImplicitDeny, With(condition, ("aws:PrincipalTag/team", "web"), ("aws:RequestedRegion", "eu-west-1"), ("aws:SecureTransport", "true")));
        Assert.Equal(Decision.ImplicitDeny, With(condition, ("aws:PrincipalTag/team", "web"), ("aws:RequestedRegion", "us-east-1")));
    }

    [Fact]
    public void ConditionKeys_AreCaseInsensitive()
    {
        Assert.Equal(Decision.Allow, With("""{"StringEquals":{"AWS:PRINCIPALTAG/TEAM":"data"}}""", ("aws:principaltag/team", "data")));
    }

    [Fact]
    public void IfExists_PresentKeyIsTested_AbsentKeyPasses()
    {
        const string condition = """{"StringEqualsIfExists":{"aws:PrincipalTag/team":"data"}}""";

        Assert.Equal(Decision.Allow, With(condition));
        Assert.Equal(Decision.Allow, With(condition, ("aws:PrincipalTag/team", "data")));
        Assert.Equal(Decision.ImplicitDeny, With(condition, ("aws:PrincipalTag/team", "web")));
    }

    [Fact]
    public void ForAllValues_MissingOrEmptyKey_IsTrue()
    {
        const string condition = """{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}""";

        Assert.Equal(Decision.Allow, With(condition));
        Assert.Equal(Decision.Allow, WithSet(condition, "aws:TagKeys"));
        Assert.Equal(Decision.Allow, WithSet(condition, "aws:TagKeys", "env"));
        Assert.Equal(Decision.ImplicitDeny, WithSet(condition, "aws:TagKeys", "env", "owner"));
    }

    [Fact]
    public void ForAnyValue_MissingOrEmptyKey_IsFalse()
    {
        const string condition = """{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}""";

        Assert.Equal(Decision.ImplicitDeny, With(condition));
        Assert.Equal(Decision.ImplicitDeny, WithSet(condition, "aws:TagKeys"));
        Assert.Equal(Decision.Allow, WithSet(condition, "aws:TagKeys", "env", "owner"));
        Assert.Equal(Decision.ImplicitDeny, WithSet(condition, "aws:TagKeys", "env"));
    }

    [Fact]
    public void ForAnyValue_NegatedOperator_MissingKeyIsStillFalse()
    {
        Assert.Equal(Decision.ImplicitDeny, With("""{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"owner"}}"""));
        Assert.Equal(Decision.Allow, WithSet("""{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"owner"}}""", "aws:TagKeys", "owner", "env"));
    }

    [Fact]
    public void ForAllValues_NegatedOperator_EveryValueMustMatchNone()
    {
        const string condition = """{"ForAllValues:StringNotLike":{"aws:TagKeys":["aws:*","secret*"]}}""";

        Assert.Equal(Decision.Allow, WithSet(condition, "aws:TagKeys", "env", "team"));
        Assert.Equal(Decision.ImplicitDeny, WithSet(condition, "aws:TagKeys", "env", "secretKey"));
    }

    [Fact]
    public void UnknownOperator_NeverMatches()
    {
        Assert.Equal(Decision.ImplicitDeny, With("""{"StringSortOf":{"aws:PrincipalTag/team":"data"}}""", ("aws:PrincipalTag/team", "data")));
    }

    [Fact]
    public void ConditionValueVariable_ResolvedFromContext()
    {
        const string condition = """{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}""";

        Assert.Equal(Decision.Allow, With(condition, ("s3:prefix", "home/alice/docs"), ("aws:username", "alice")));
        Assert.Equal(Decision.ImplicitDeny, With(condition, ("s3:prefix", "home/bob/docs"), ("aws:username", "alice")));
        Assert.Equal(Decision.ImplicitDeny, With(condition, ("s3:prefix", "home/alice/docs")));
    }

    [Fact]
    public void NegatedOperatorWithMissingVariable_IsUnmatchable()
    {
        Assert.Equal(Decision.ImplicitDeny, With("""{"StringNotEquals":{"aws:PrincipalTag/team":"${aws:PrincipalTag/owner}"}}""", ("aws:PrincipalTag/team", "data")));
    }
}
