namespace IdentityCenter.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task Help_PrintsUsageAndExitsZero()
    {
        var (code, stdout, _) = await CliRunner.RunAsync(string.Empty, "--help");

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        Assert.Contains("evaluate", stdout, StringComparison.Ordinal);
        Assert.Contains("validate-policy", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoArguments_PrintsUsageAndExitsTwo()
    {
        var (code, stdout, _) = await CliRunner.RunAsync(string.Empty);

        Assert.Equal(2, code);
        Assert.Contains("identitycenter <command>", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_SaysSoOnStderrAndExitsTwo()
    {
        var (code, _, stderr) = await CliRunner.RunAsync(string.Empty, "frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate")]
    [InlineData("validate-policy")]
    public async Task CommandHelp_PrintsCommandUsage(string command)
    {
        var (code, stdout, _) = await CliRunner.RunAsync(string.Empty, command, "--help");

        Assert.Equal(0, code);
        Assert.Contains($"identitycenter {command}", stdout, StringComparison.Ordinal);
    }
}
