using CsCheck;
using IdentityCenter.Core.Policies.Evaluation.Conditions;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Core.Tests.Policies.Matching;

public sealed class MatchingTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("s3:*", "s3:GetObject", true)]
    [InlineData("s3:Get*", "s3:getobject", true)]
    [InlineData("s3:?etObject", "s3:GetObject", true)]
    [InlineData("s3:?etObject", "s3:etObject", false)]
    [InlineData("s3:*Object", "s3:GetObjectAcl", false)]
    [InlineData("*Acl", "s3:GetObjectAcl", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    public void WildcardPattern_IgnoreCase_MatchesActions(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, WildcardPattern.IsMatch(pattern, text, ignoreCase: true));
    }

    [Fact]
    public void WildcardPattern_CaseSensitive_RespectsCase()
    {
        Assert.False(WildcardPattern.IsMatch("demo/*", "Demo/x", ignoreCase: false));
        Assert.True(WildcardPattern.IsMatch("demo/*", "demo/x/y:z", ignoreCase: false));
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("arn:aws:s3:::demo-bucket/*", "arn:aws:s3:::demo-bucket/a/b/c", true)]
    [InlineData("arn:aws:s3:::demo-bucket*", "arn:aws:s3:::demo-bucket-archive/x", true)]
    [InlineData("arn:*:s3:::demo-bucket/*", "arn:aws-cn:s3:::demo-bucket/x", true)]
    [InlineData("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true)]
    [InlineData("arn:aws:dynamodb:*:*:table/Orders", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/ByDate", false)]
    [InlineData("arn:aws:dynamodb:*:*:table/Orders*", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/ByDate", true)]
    [InlineData("arn:aws:logs:us-east-1:111122223333:log-group:*", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:x", true)]
    [InlineData("arn:aws:s3:::demo-bucket/*", "*", false)]
    [InlineData("arn:aws:s3:::Demo-Bucket/*", "arn:aws:s3:::demo-bucket/x", false)]
    public void Arn_IsMatch_FollowsIamRules(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, Arn.IsMatch(pattern, value));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/alice", "111122223333")]
    [InlineData("444455556666", "444455556666")]
    [InlineData("arn:aws:s3:::bucket", "")]
    [InlineData("not-an-arn", "")]
    public void Arn_AccountOf_ReadsAccountField(string value, string expected)
    {
        Assert.Equal(expected, Arn.AccountOf(value).ToString());
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.0.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("2001:db8::/32", "2001:DB8:FFFF::1", true)]
    [InlineData("2001:DB8:0:0::/64", "2001:0db8:0000:0000:1234::1", true)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", false)]
    public void IpBlock_Contains_KeepsFamiliesApart(string cidr, string address, bool expected)
    {
        Assert.True(ConditionValues.TryParseCidr(cidr, out var block));
        Assert.True(ConditionValues.TryParseIp(address, out var ip));

        Assert.Equal(expected, block.Contains(ip));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("256.0.0.1")]
    [InlineData("2001:db8::/129")]
    [InlineData("10.0.0.1/")]
    [InlineData("hello")]
    public void TryParseCidr_Malformed_ReturnsFalse(string text)
    {
        Assert.False(ConditionValues.TryParseCidr(text, out _));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23T11:00:00+01:00")]
    [InlineData("2026-11-23T10:00:00.000Z")]
    [InlineData("1795428000")]
    public void TryParseDate_AcceptedForms_AllMeanSameInstant(string text)
    {
        Assert.True(ConditionValues.TryParseDate(text, out var ticks));
        Assert.Equal(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc).Ticks, ticks);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("11/23/2026")]
    [InlineData("")]
    public void TryParseDate_Malformed_ReturnsFalse(string text)
    {
        Assert.False(ConditionValues.TryParseDate(text, out _));
    }

    [Fact]
    public void ArnPattern_Precompiled_AgreesWithArnIsMatch()
    {
        var piece = Gen.OneOf("arn", "aws", "s3", "*", "?", "", "demo", "a*b", "111122223333", "bucket/key", "x:y", "/");
        var text = piece.Array[1, 7].Select(parts => string.Join(":", parts));
        Gen.Select(text, text).Sample((pattern, value) =>
        {
            var compiled = new ArnPattern(pattern);
            var isArn = Arn.TrySplit(value, out var parts);

            Assert.Equal(Arn.IsMatch(pattern, value), compiled.IsMatch(value, isArn, parts));
        }, iter: 5000);
    }
}
