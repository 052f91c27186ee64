using System.Diagnostics;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>Starts the real web app as a process with bad settings and reads what it says.</summary>
public sealed class StartupChecksTests
{
    private static async Task<(int ExitCode, string Error)> RunWebAppAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IdentityCenter.Web.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app kept running although its configuration is invalid.");
        }

        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task Start_SeveralBadSettings_ExitsOneListingEveryProblem()
    {
        var blocked = Path.Combine(Path.GetTempPath(), $"ic-not-a-folder-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(blocked, "a file, not a folder");
        try
        {
            var (exitCode, error) = await RunWebAppAsync(
                $"--data-dir={Path.Combine(blocked, "data")}",
                "--IdentityCenter:Colour=blue",
                "--IdentityCenter:Database:Provider=Oracle");

            Assert.Equal(1, exitCode);
            Assert.Contains("3 configuration problem(s)", error, StringComparison.Ordinal);
            Assert.Contains("IdentityCenter:Colour: unknown setting", error, StringComparison.Ordinal);
            Assert.Contains("'Oracle' is not supported", error, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(blocked, "data"), error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocked);
        }
    }
}
