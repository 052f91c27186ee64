using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Tests.Policies.Language;

public sealed class PolicyParserTests
{
    private static PolicyParseResult Parse(string json, PolicyKind kind = PolicyKind.Managed) => PolicyParser.Parse(json, kind);

    [Fact]
    public void Parse_FullDocument_ReadsEveryElement()
    {
        const string json = """
            {
              "Version": "2012-10-17",
              "Id": "bucket-policy",
              "Statement": [{
                "Sid": "AllowRead",
                "Effect": "Allow",
                "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "s3.amazonaws.com"},
                "Action": ["s3:GetObject", "s3:ListBucket"],
                "Resource": "arn:aws:s3:::demo-bucket/*",
                "Condition": {"NumericLessThan": {"s3:max-keys": 100}, "Bool": {"aws:SecureTransport": true}}
              }]
            }
            """;

        var result = Parse(json, PolicyKind.Resource);

        Assert.False(result.HasErrors, string.Join("\n", result.Findings));
        var document = result.Document!;
        Assert.Equal(PolicyVersion.Version2012, document.Version);
        Assert.Equal("bucket-policy", document.Id);
        var statement = Assert.Single(document.Statements);
        Assert.Equal("AllowRead", statement.Sid);
        Assert.Equal(Effect.Allow, statement.Effect);
        Assert.Equal(["arn:aws:iam::111122223333:root", "444455556666"], statement.Principal!.Aws.ToArray());
        Assert.Equal(["s3.amazonaws.com"], statement.Principal.Service.ToArray());
        Assert.Equal(["s3:GetObject", "s3:ListBucket"], statement.Actions.ToArray());
        Assert.Equal(["arn:aws:s3:::demo-bucket/*"], statement.Resources.ToArray());
        Assert.Contains(statement.Conditions, c => c.Operator == "NumericLessThan" && c.Key == "s3:max-keys" && c.Values.Single() == "100");
        Assert.Contains(statement.Conditions, c => c.Operator == "Bool" && c.Values.Single() == "true");
    }

    [Fact]
    public void Parse_StatementObjectAndStringFields_AreNormalisedToLists()
    {
        var result = Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"*"}}""");

        var statement = Assert.Single(result.Document!.Statements);
        Assert.True(statement.IsNotAction);
        Assert.True(statement.IsNotResource);
        Assert.Equal(["iam:*"], statement.Actions.ToArray());
        Assert.Equal("#0", statement.Label);
    }

    [Fact]
    public void Parse_NoVersion_Uses2008RulesAndWarns()
    {
        var result = Parse("""{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""");

        Assert.Equal(PolicyVersion.Version2008, result.Document!.Version);
        Assert.False(result.Document.VersionSpecified);
        Assert.Contains(result.Findings, f => f.Code == "MissingVersion" && f.Severity == FindingSeverity.Warning);
    }

    [Fact]
    public void Parse_Findings_CarryLineColumnAndPath()
    {
        const string json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Permit\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}\n  ]\n}";

        var finding = Assert.Single(Parse(json).Errors);

        Assert.Equal("InvalidEffect", finding.Code);
        Assert.Equal(4, finding.Line);
        Assert.Equal(16, finding.Column);
        Assert.Equal("$.Statement[0].Effect", finding.Path);
        Assert.Contains("\"Allow\" or \"Deny\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3GetObject","Resource":"bucket","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"},"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}]}""";

        var codes = Parse(json).Errors.Select(f => f.Code).ToArray();

        Assert.Equal(["InvalidAction", "InvalidArn", "InvalidCidr", "InvalidDate"], codes);
    }

    [Fact]
    public void Parse_InvalidJson_ReturnsNoDocumentAndPositionedError()
    {
        var result = Parse("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}");

        Assert.Null(result.Document);
        var error = Assert.Single(result.Findings);
        Assert.Equal("InvalidJson", error.Code);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Parse_UnknownOperator_KeepsDocumentButReportsError()
    {
        var result = Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqual":{"aws:username":"alice"}}}]}""");

        Assert.NotNull(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal("UnknownOperator", error.Code);
        Assert.Contains("StringEquals", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PolicyKind.Managed, 6_144)]
    [InlineData(PolicyKind.Scp, 5_120)]
    [InlineData(PolicyKind.Inline, 10_240)]
    public void Parse_OverSizeLimitForKind_ReportsError(PolicyKind kind, int limit)
    {
        string Build(int actions) => "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" +
            string.Join(",", Enumerable.Range(0, actions).Select(i => $"\"s3:GetObject{i:D5}\"")) + "],\"Resource\":\"*\"}]}";
        var small = Build((limit / 20) - 10);
        var large = Build((limit / 20) + 10);

        Assert.DoesNotContain(Parse(small, kind).Findings, f => f.Code == "SizeLimitExceeded");
        Assert.Contains(Parse(large, kind).Findings, f => f.Code == "SizeLimitExceeded" && f.Message.Contains(limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_InlineOver32KiBWithWhitespace_ReportsByteLimit()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" + new string(' ', 33_000);

        Assert.Contains(Parse(json, PolicyKind.Inline).Findings, f => f.Code == "SizeLimitExceeded" && f.Message.Contains("at most 32,768", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_WhitespaceDoesNotCountTowardsManagedLimit()
    {
        var json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}" + new string(' ', 10_000);

        Assert.DoesNotContain(Parse(json).Findings, f => f.Code == "SizeLimitExceeded");
    }

    [Fact]
    public void Parse_AllowWithNotAction_Warns()
    {
        Assert.Contains(Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}""").Findings, f => f.Code == "AllowWithNotAction" && f.Severity == FindingSeverity.Warning);
    }

    [Theory]
    [InlineData("iam:PassRole")]
    [InlineData("iam:*")]
    [InlineData("iam:Pass*")]
    public void Parse_PassRoleOnStar_Warns(string action)
    {
        Assert.Contains(Parse($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"{{action}}","Resource":"*"}]}""").Findings, f => f.Code == "PassRoleWithStarResource");
    }

    [Fact]
    public void Parse_PassRoleOnStarWithPassedToServiceCondition_DoesNotWarn()
    {
        const string limited = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}""";
        const string otherCondition = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""";

        Assert.DoesNotContain(Parse(limited).Findings, f => f.Code == "PassRoleWithStarResource");
        Assert.Contains(Parse(otherCondition).Findings, f => f.Code == "PassRoleWithStarResource");
    }

    [Fact]
    public void Parse_RedundantStatement_Warns()
    {
        const string json = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"},{"Sid":"Again","Effect":"Allow","Action":["s3:PutObject","s3:GetObject"],"Resource":"*"}]}""";

        var warning = Assert.Single(Parse(json).Findings, f => f.Code == "RedundantStatement");
        Assert.Equal("$.Statement[1]", warning.Path);
    }

    [Fact]
    public void Parse_SetOperatorOnSingleValuedKey_Suggests()
    {
        var finding = Assert.Single(Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:username":"bob"}}}]}""").Findings, f => f.Code == "SetOperatorOnSingleValuedKey");

        Assert.Equal(FindingSeverity.Suggestion, finding.Severity);
    }

    [Fact]
    public void Parse_ValidIdentityPolicy_HasNoErrorsOrWarnings()
    {
        var result = Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::demo-bucket/${aws:username}/*"}]}""");

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Parse_TrustPolicyWithoutResource_IsValidForResourceKind()
    {
        var result = Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", PolicyKind.Resource);

        Assert.False(result.HasErrors);
        Assert.False(result.Document!.Statements[0].HasResourceElement);
    }
}
