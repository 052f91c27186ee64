using System.Text.RegularExpressions;

namespace IdentityCenter.Cli.Tests;

public sealed partial class ValidatePolicyCommandTests
{
    private const string V = "\"Version\":\"2012-10-17\"";

    /// <summary>
    /// Malformed inputs: policy JSON, kind, expected finding code, a marker whose first occurrence is where
    /// the finding must point (null: only "a position is printed"), and a fragment of the fix-it message.
    /// </summary>
    public static TheoryData<string, string, string, string?, string> MalformedPolicies() => new()
    {
        { "{\"Version\":\"2012-10-17\",\"Statement\":[],}", "managed", "InvalidJson", null, "Fix the JSON syntax" },
        { "", "managed", "InvalidJson", null, "document is empty" },
        { "[\n  {\"Effect\":\"Allow\"}\n]", "managed", "NotAnObject", "[", "Wrap it" },
        { "{\n  \"Versoin\": \"2012-10-17\",\n  \"Statement\": {\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}\n}", "managed", "UnknownElement", "\"Versoin\"", "fix its spelling" },
        { "{\"Version\":\"2012-10-18\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}", "managed", "InvalidVersion", "\"2012-10-18\"", "Use \"2012-10-17\"" },
        { $"{{{V}}}", "managed", "MissingStatement", "{", "Add \"Statement\"" },
        { $"{{{V},\"Statement\":\"oops\"}}", "managed", "WrongType", "\"oops\"", "object or an array" },
        { $"{{{V},\"Statement\":[42]}}", "managed", "WrongType", "42", "must be an object" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Actions\":\"s3:GetObject\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "UnknownElement", "\"Actions\"", "Allowed: Sid, Effect" },
        { $"{{{V},\"Statement\":[{{\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "MissingEffect", "{\"Action\"", "Add \"Effect\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Permit\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "InvalidEffect", "\"Permit\"", "Use \"Allow\" or \"Deny\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "InvalidEffect", "\"allow\"", "Write \"Allow\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotAction\":\"s3:PutObject\",\"Resource\":\"*\"}}]}}", "managed", "ActionAndNotAction", "\"NotAction\"", "Keep one" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Resource\":\"*\"}}]}}", "managed", "MissingAction", "{\"Effect\"", "Add the actions" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"NotResource\":\"arn:aws:s3:::x\"}}]}}", "managed", "ResourceAndNotResource", "\"NotResource\"", "Keep one" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\"}}]}}", "managed", "MissingResource", "{\"Effect\"", "Add the ARNs" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":5,\"Resource\":\"*\"}}]}}", "managed", "WrongType", "5", "string or an array of strings" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}}]}}", "managed", "EmptyArray", "[]", "at least one value" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3GetObject\",\"Resource\":\"*\"}}]}}", "managed", "InvalidAction", "\"s3GetObject\"", "service:action" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s*:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "InvalidAction", "\"s*:GetObject\"", "Wildcards are not allowed in the service prefix" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"my-bucket\"}}]}}", "managed", "InvalidArn", "\"my-bucket\"", "arn:partition:service:region:account:resource" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::\"}}]}}", "managed", "InvalidArn", "\"arn:aws:s3:::\"", "no resource part" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "PrincipalNotAllowed", "\"Principal\"", "Remove \"Principal\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "resource", "MissingPrincipal", "{\"Effect\"", "need a \"Principal\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotPrincipal\":{{\"AWS\":\"111122223333\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "resource", "PrincipalAndNotPrincipal", "\"NotPrincipal\"", "Keep one" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"User\":\"alice\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "resource", "UnknownElement", "\"User\"", "AWS, Service, Federated and CanonicalUser" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"alice\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "resource", "InvalidPrincipal", "\"alice\"", "12-digit account id" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::111122223333:user/*\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "resource", "WildcardInPrincipal", "\"arn:aws:iam::111122223333:user/*\"", "aws:PrincipalArn" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::111122223333:group/admins\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "resource", "InvalidPrincipal", "\"arn:aws:iam::111122223333:group/admins\"", "groups cannot be principals" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":{{\"Service\":\"s3\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "resource", "InvalidServicePrincipal", "\"s3\"}", "s3.amazonaws.com" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":\"x\"}}]}}", "managed", "WrongType", "\"x\"", "must be an object" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"StringEqual\":{{\"aws:username\":\"alice\"}}}}}}]}}", "managed", "UnknownOperator", "\"StringEqual\"", "Did you mean 'StringEquals'" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"StringEquals\":\"alice\"}}}}]}}", "managed", "WrongType", "\"alice\"", "mapping condition keys to values" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"StringEquals\":{{\"aws:username\":{{\"a\":1}}}}}}}}]}}", "managed", "WrongType", "{\"a\"", "string or an array of strings" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"IpAddress\":{{\"aws:SourceIp\":\"10.0.0.0/33\"}}}}}}]}}", "managed", "InvalidCidr", "\"10.0.0.0/33\"", "203.0.113.0/24" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"DateLessThan\":{{\"aws:CurrentTime\":\"next week\"}}}}}}]}}", "managed", "InvalidDate", "\"next week\"", "ISO 8601" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"NumericLessThan\":{{\"s3:max-keys\":\"ten\"}}}}}}]}}", "managed", "InvalidNumber", "\"ten\"", "Write a number" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"Bool\":{{\"aws:SecureTransport\":\"yes\"}}}}}}]}}", "managed", "InvalidBoolean", "\"yes\"", "\"true\" or \"false\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"BinaryEquals\":{{\"s3:key\":\"not base64!\"}}}}}}]}}", "managed", "InvalidBase64", "\"not base64!\"", "base64" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"ArnLike\":{{\"aws:SourceArn\":\"my-topic\"}}}}}}]}}", "managed", "InvalidArn", "\"my-topic\"", "String operator" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${{aws:username\"}}]}}", "managed", "InvalidVariable", "\"arn:aws:s3:::b/${", "Add '}'" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${{username}}\"}}]}}", "managed", "InvalidVariable", "\"arn:aws:s3:::b/${", "service prefix" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${{aws:TagKeys}}\"}}]}}", "managed", "InvalidVariable", "\"arn:aws:s3:::b/${", "multivalued" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:${{aws:username}}\",\"Resource\":\"*\"}}]}}", "managed", "VariableInAction", "\"s3:${", "Write the action name literally" },
        { $"{{{V},\"Statement\":[{{\"Sid\":\"One\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}},{{\"Sid\":\"One\",\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"*\"}}]}}", "managed", "DuplicateSid", "\"One\",\"Effect\":\"Deny\"", "unique Sid" },
        { $"{{{V},\"Statement\":[{{\"Sid\":\"read-all\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "InvalidSid", "\"read-all\"", "only letters" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "DuplicateKey", "\"Effect\":\"Deny\"", "Merge them" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"NullIfExists\":{{\"aws:username\":\"true\"}}}}}}]}}", "managed", "UnknownOperator", "\"NullIfExists\"", "Use 'Null'" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"ForAllValues:Null\":{{\"aws:TagKeys\":\"true\"}}}}}}]}}", "managed", "UnknownOperator", "\"ForAllValues:Null\"", "Use 'Null'" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"StringEquals\":{{\"username\":\"alice\"}}}}}}]}}", "managed", "InvalidConditionKey", "\"username\"", "prefix:name" },
        { $"{{{V},\"Statement\":[]}}", "managed", "EmptyStatement", "[]", "Add at least one statement" },
        { $"{{{V},\"Statement\":[{{\"effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "ElementCase", "\"effect\"", "write \"Effect\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{{\"stringequals\":{{\"aws:username\":\"alice\"}}}}}}]}}", "managed", "OperatorCase", "\"stringequals\"", "write \"StringEquals\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Deny\",\"Principal\":{{\"AWS\":\"111122223333\"}},\"Action\":\"s3:*\",\"Resource\":\"*\"}}]}}", "rcp", "RcpPrincipal", "{\"AWS\"", "\"Principal\": \"*\"" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":[" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"s3:GetObject{i:D5}\"")) + "],\"Resource\":\"*\"}]}", "scp", "SizeLimitExceeded", "{", "at most 5,120" },
        { $"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\"Condition\":{{\"StringEquals\":{{\"aws:username\":[]}}}}}}]}}", "managed", "EmptyArray", "[]}", "at least one value" },
        { $"{{{V},\"Id\":7,\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}]}}", "managed", "WrongType", "7,\"Statement", "Quote it" },
    };

    [Theory]
    [MemberData(nameof(MalformedPolicies))]
    public async Task ValidatePolicy_MalformedInput_PrintsPositionedActionableError(string json, string kind, string code, string? marker, string fix)
    {
        var (exit, stdout, _) = await CliRunner.RunAsync(json, "validate-policy", "-", "--kind", kind);

        Assert.Equal(1, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.Contains($": error {code} at ", StringComparison.Ordinal) && l.Contains(fix, StringComparison.Ordinal));
        var position = FindingPosition().Match(line);
        Assert.True(position.Success, line);
        if (marker is not null)
        {
            var (expectedLine, expectedColumn) = PositionOf(json, marker);
            Assert.Equal($"{expectedLine}:{expectedColumn}", $"{position.Groups[1].Value}:{position.Groups[2].Value}");
        }
    }

    [Fact]
    public void MalformedPolicies_CoverAtLeastThirtyDistinctInputs()
    {
        var inputs = MalformedPolicies().Select(row => (string)row[0]).Distinct().Count();

        Assert.True(inputs >= 30, $"only {inputs} inputs");
    }

    [Fact]
    public async Task ValidatePolicy_ValidPolicy_ExitsZeroAndPrintsSummary()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync($"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}}]}}", "validate-policy", "-");

        Assert.Equal(0, exit);
        Assert.Contains("<stdin>: 0 error(s), 0 warning(s), 0 suggestion(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePolicy_WarningsOnly_ExitsZero()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync($"{{{V},\"Statement\":[{{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}}]}}", "validate-policy", "-");

        Assert.Equal(0, exit);
        Assert.Contains("warning AllowWithNotAction", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePolicy_File_UsesFileNameInFindings()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}\n}");

            var (exit, stdout, _) = await CliRunner.RunAsync(string.Empty, "validate-policy", path);

            Assert.Equal(1, exit);
            Assert.Contains($"{path}:2:16: error MissingResource", stdout, StringComparison.Ordinal);
            Assert.Contains($"{path}:1:1: warning MissingVersion", stdout, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("- --kind bucket")]
    [InlineData("/nonexistent/policy.json")]
    public async Task ValidatePolicy_WrongUsageOrUnreadableFile_ExitsTwo(string arguments)
    {
        var (exit, _, stderr) = await CliRunner.RunAsync("{}", ["validate-policy", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, exit);
        Assert.NotEmpty(stderr);
    }

    private static (int Line, int Column) PositionOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker {marker} not in input");
        var line = 1 + text[..index].Count(c => c == '\n');
        var column = index - (text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1) + 1;
        if (!text[..index].Contains('\n', StringComparison.Ordinal))
        {
            column = index + 1;
        }

        return (line, column);
    }

    [GeneratedRegex(@"^<stdin>:(\d+):(\d+): ")]
    private static partial Regex FindingPosition();
}
