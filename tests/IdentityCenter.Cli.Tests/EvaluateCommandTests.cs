using System.Text.Json;

namespace IdentityCenter.Cli.Tests;

public sealed class EvaluateCommandTests
{
    private const string AllowLine = """{"id":"a","request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{"aws:SourceIp":"203.0.113.7"}},"policies":{"identity":[{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}],"resourceAccount":"111122223333"}}""";
    private const string DenyLine = """{"id":"d","request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"arn:aws:s3:::b/k","context":{}},"policies":{"identity":[{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}]}}""";
    private const string ImplicitLine = """{"id":"i","request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:PutObject","resource":"arn:aws:s3:::b/k","context":{"aws:TagKeys":["a","b"]}},"policies":{"identity":[]}}""";

    private static JsonElement[] Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Evaluate_JsonlFromStdin_WritesOneResultPerLineInOrder()
    {
        var (code, stdout, _) = await CliRunner.RunAsync(string.Join('\n', AllowLine, DenyLine, ImplicitLine), "evaluate", "--cases", "-");

        Assert.Equal(0, code);
        var results = Lines(stdout);
        Assert.Equal(["a", "d", "i"], results.Select(r => r.GetProperty("id").GetString()).ToArray());
        Assert.Equal(["Allow", "ExplicitDeny", "ImplicitDeny"], results.Select(r => r.GetProperty("decision").GetString()).ToArray());
    }

    [Fact]
    public async Task Evaluate_MalformedLines_GiveErrorAndRunGoesOn()
    {
        const string badPolicy = """{"id":"bad-policy","request":{"principal":"p","action":"s3:GetObject","resource":"*"},"policies":{"identity":[{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}]}}""";
        const string noRequest = """{"id":"no-request","policies":{}}""";
        var input = string.Join('\n', "{not json", AllowLine, "", badPolicy, noRequest, "[1,2]", DenyLine);

        var (code, stdout, _) = await CliRunner.RunAsync(input, "evaluate", "--cases", "-");

        Assert.Equal(0, code);
        var results = Lines(stdout);
        Assert.Equal(6, results.Length);
        Assert.Equal("Error", results[0].GetProperty("decision").GetString());
        Assert.Contains("line 1", results[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Allow", results[1].GetProperty("decision").GetString());
        Assert.Equal("bad-policy", results[2].GetProperty("id").GetString());
        Assert.Equal("Error", results[2].GetProperty("decision").GetString());
        Assert.Contains("\"Allow\" or \"Deny\"", results[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("request", results[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Error", results[4].GetProperty("decision").GetString());
        Assert.Equal("ExplicitDeny", results[5].GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Evaluate_DocumentWithErrorFindings_AnswersErrorNamingTheProblem_AsValidatePolicyDoes()
    {
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}""";
        var line = """{"id":"lower-effect","request":{"principal":"arn:aws:iam::111122223333:user/alice","action":"s3:GetObject","resource":"*"},"policies":{"identity":[""" + policy + "]}}";

        var (code, stdout, _) = await CliRunner.RunAsync(line, "evaluate", "--cases", "-");
        var (validateCode, validated, _) = await CliRunner.RunAsync(policy, "validate-policy", "-");

        Assert.Equal(0, code);
        var result = Assert.Single(Lines(stdout));
        Assert.Equal("Error", result.GetProperty("decision").GetString());
        Assert.Contains("identity[0]", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("InvalidEffect", result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, validateCode);
        Assert.Contains("error InvalidEffect", validated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_LoneSurrogateEscape_GivesErrorNotCrash()
    {
        const string line = """{"id":"s","request":{"principal":"\ud800","action":"s3:GetObject","resource":"*"},"policies":{"identity":[]}}""";

        var (code, stdout, _) = await CliRunner.RunAsync(line + "\n" + DenyLine, "evaluate", "--cases", "-");

        Assert.Equal(0, code);
        var results = Lines(stdout);
        Assert.Equal(2, results.Length);
        Assert.Equal("ExplicitDeny", results[1].GetProperty("decision").GetString());
    }

    [Fact]
    public async Task Evaluate_FileToFile_WritesResultsFile()
    {
        var input = Path.GetTempFileName();
        var output = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, AllowLine + "\n" + DenyLine + "\n");

            var (code, stdout, _) = await CliRunner.RunAsync(string.Empty, "evaluate", "--cases", input, "--out", output);

            Assert.Equal(0, code);
            Assert.Equal(string.Empty, stdout);
            Assert.Equal(["Allow", "ExplicitDeny"], Lines(await File.ReadAllTextAsync(output)).Select(r => r.GetProperty("decision").GetString()).ToArray());
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Evaluate_Explain_AddsDecidingTypeStepsAndStatements()
    {
        var (_, stdout, _) = await CliRunner.RunAsync(AllowLine, "evaluate", "--cases", "-", "--explain");

        var explain = Lines(stdout)[0].GetProperty("explain");
        Assert.Equal("identity", explain.GetProperty("decidedBy").GetString());
        Assert.Equal(["scp", "rcp", "resource", "identity", "boundary", "session"], explain.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("policyType").GetString()).ToArray());
        var statement = Assert.Single(explain.GetProperty("statements").EnumerateArray());
        Assert.Equal("Read", statement.GetProperty("sid").GetString());
        Assert.Equal("Allow", statement.GetProperty("effect").GetString());
    }

    [Fact]
    public async Task Evaluate_Repeat_PrintsDecisionsPerSecond()
    {
        var (code, stdout, _) = await CliRunner.RunAsync(AllowLine + "\n" + DenyLine, "evaluate", "--cases", "-", "--repeat", "10");

        Assert.Equal(0, code);
        Assert.Matches(@"^\d+ decisions/s\s*$", stdout);
    }

    [Fact]
    public async Task Evaluate_UnreadableFile_ExitsOne()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(string.Empty, "evaluate", "--cases", "/nonexistent/cases.jsonl");

        Assert.Equal(1, code);
        Assert.Contains("cannot read", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--cases")]
    [InlineData("--cases - --bogus")]
    [InlineData("--cases - --repeat 0")]
    public async Task Evaluate_WrongUsage_ExitsTwo(string arguments)
    {
        var (code, _, stderr) = await CliRunner.RunAsync(string.Empty, ["evaluate", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, code);
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public async Task Evaluate_PublicConformanceFile_AllMatchExpectations()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "cases-public.jsonl");
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => l.Length > 0).ToArray();

        var (code, stdout, _) = await CliRunner.RunAsync(string.Empty, "evaluate", "--cases", path);

        Assert.Equal(0, code);
        var results = Lines(stdout);
        Assert.Equal(lines.Length, results.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var expect = JsonDocument.Parse(lines[i]).RootElement.GetProperty("expect").GetString();
            Assert.Equal(expect, results[i].GetProperty("decision").GetString());
        }
    }
}
