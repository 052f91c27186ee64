namespace IdentityCenter.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task Help_PrintsUsageAndExitsZero()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["--help"], TextReader.Null, stdout, stderr);

        Assert.Equal(0, code);
        Assert.Contains("Usage:", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("identitycenter <command>", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_SaysSoOnStderrAndExitsTwo()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["frobnicate"], TextReader.Null, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("unknown command 'frobnicate'", stderr.ToString(), StringComparison.Ordinal);
    }
}
