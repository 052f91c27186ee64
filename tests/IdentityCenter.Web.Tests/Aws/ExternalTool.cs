using System.Diagnostics;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Runs AWS's own tools (python3 with botocore, the AWS CLI) as separate processes: with a private HOME (its
/// <c>~/.aws</c>, config and credentials files), none of the test machine's <c>AWS_*</c> variables, and the given ones.
/// </summary>
internal static class ExternalTool
{
    /// <summary>Whether the tool runs and exits 0 (and its output passes <paramref name="accept"/>).</summary>
    public static bool Probe(string file, string[] arguments, Func<string, bool>? accept = null)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true });
            if (probe is null)
            {
                return false;
            }

            var output = probe.StandardOutput.ReadToEndAsync();
            return probe.WaitForExit(60_000) && probe.ExitCode == 0 && (accept is null || accept(output.Result));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var home = System.IO.Directory.CreateTempSubdirectory("ic-aws-tool-home-").FullName;
        try
        {
            var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["HOME"] = home;
            start.Environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, output, await errors);
        }
        finally
        {
            TestFolders.TryDelete(home);
        }
    }
}
