using System.Diagnostics;
using System.Text;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// Starts the real web app as a process on a data directory whose key file is gone (a restored backup
/// without it): it refuses to start and says what to copy; <c>--reset-key-ring</c> starts over.
/// </summary>
public sealed class KeyRingStartupTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ic-keyring-start-").FullName;

    public void Dispose() => TestFolders.TryDelete(_data);

    private sealed record Run(bool Ready, int? ExitCode, string Output, string Error);

    /// <summary>Runs the app until it listens (then stops it) or exits by itself.</summary>
    private async Task<Run> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "IdentityCenter.Web.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add($"--data-dir={_data}");
        start.ArgumentList.Add("--IdentityCenter:Bootstrap:AdminPassword=Start-Test-Passw0rd!");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
        var listening = finished == ready.Task;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        var errorText = await error;
        lock (output)
        {
            return new Run(listening, listening ? null : process.ExitCode, output.ToString(), errorText);
        }
    }

    [Fact]
    public async Task Start_DatabaseWithoutItsKeyFile_ExitsSayingWhatToCopy_ResetSwitchStartsOver()
    {
        var keyFile = Path.Combine(_data, "keyring.key");
        var first = await RunAsync();
        Assert.True(first.Ready, first.Error);
        Assert.True(File.Exists(keyFile));
        File.Delete(keyFile);

        var refused = await RunAsync();

        Assert.False(refused.Ready, "The app started without the key file that encrypted its key ring.");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("IdentityCenter cannot start: the Data Protection key ring in the database does not open", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"but '{keyFile}' does not exist", refused.Error, StringComparison.Ordinal);
        Assert.Contains("copy the key file from there", refused.Error, StringComparison.Ordinal);
        Assert.Contains("IdentityCenter:DataProtection:CertificatePath", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Several instances on one PostgreSQL database", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--reset-key-ring", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(keyFile));

        var reset = await RunAsync("--reset-key-ring");

        Assert.True(reset.Ready, reset.Error);
        Assert.Contains("Discarded ", reset.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(keyFile));
    }
}
