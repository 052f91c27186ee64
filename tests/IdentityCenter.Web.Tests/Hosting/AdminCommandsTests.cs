using System.Diagnostics;
using IdentityCenter.Web.Hosting;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>The operator commands of the app binary: argument handling, and a real run on a fresh data directory.</summary>
public sealed class AdminCommandsTests
{
    [Fact]
    public void Take_ImportUsers_TakesTheFileAndLeavesTheSettings()
    {
        string[] args = ["import-users", "people.csv", "--data-dir", "/tmp/x"];

        var command = AdminCommands.Take(ref args);

        Assert.Equal((AdminCommands.ImportUsers, "people.csv"), (command!.Name, command.Argument));
        Assert.Equal(["--data-dir", "/tmp/x"], args);
    }

    [Fact]
    public void Take_RevokeCredentials_TakesTheUserOrAll()
    {
        string[] byUser = ["--data-dir=/tmp/x", "x"];
        Assert.Null(AdminCommands.Take(ref byUser));

        string[] user = ["revoke-credentials", "--user", "ben.dev", "--urls=http://127.0.0.1:0"];
        var revokeUser = AdminCommands.Take(ref user);
        Assert.Equal("ben.dev", revokeUser!.Argument);
        Assert.Equal(["--urls=http://127.0.0.1:0"], user);

        string[] all = ["revoke-credentials", "--all"];
        Assert.Null(AdminCommands.Take(ref all)!.Argument);
        Assert.Empty(all);
    }

    [Fact]
    public async Task ImportThenRevoke_RealRun_ReportsEachUserAndEveryProblemWithoutAStackTrace()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ic-commands-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var bad = Path.Combine(directory, "bad.csv");
            await File.WriteAllTextAsync(bad, "UserName,DisplayName\nnew.one,New One\n,No Name\nnew.one,Twice\n");
            var refused = await RunAsync(directory, "import-users", bad);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Nothing was imported:", refused.Error, StringComparison.Ordinal);
            Assert.Contains("Line 3", refused.Error, StringComparison.Ordinal);
            Assert.Contains("Line 4", refused.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);

            var good = Path.Combine(directory, "good.csv");
            await File.WriteAllTextAsync(good, "UserName,DisplayName\nnew.one,New One\nnew.two,New Two\n");
            var imported = await RunAsync(directory, "import-users", good);
            Assert.Equal(0, imported.ExitCode);
            var lines = imported.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("new.", StringComparison.Ordinal)).ToList();
            Assert.Equal(["new.one", "new.two"], lines.Select(l => l.Split('\t')[0]));
            Assert.All(lines, l => Assert.True(l.Split('\t')[1].Length >= 12, l));

            var revoked = await RunAsync(directory, "revoke-credentials", "--user", "new.two");
            Assert.Equal(0, revoked.ExitCode);
            Assert.Contains("Revoked the role credentials new.two was issued before now.", revoked.Error, StringComparison.Ordinal);

            var unknown = await RunAsync(directory, "revoke-credentials", "--user", "nobody");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("There is no user named 'nobody'.", unknown.Error, StringComparison.Ordinal);

            var usage = await RunAsync(directory, "revoke-credentials");
            Assert.Equal(2, usage.ExitCode);
            Assert.Contains("revoke-credentials needs either --user <user name> or --all.", usage.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IdentityCenter.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--data-dir={dataDirectory}");
        start.ArgumentList.Add("--IdentityCenter:Bootstrap:AdminPassword=Commands-Test-Admin-1!");
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', arguments)} did not finish.");
        }

        return (process.ExitCode, await output, await error);
    }
}
