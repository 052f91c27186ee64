using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IdentityCenter.CrashTests;

/// <summary>
/// One run of the real app binary (<c>dotnet IdentityCenter.Web.dll …</c>) as its own process: its output
/// lines with the time each arrived, so a test can wait for a line and kill the process at a chosen moment.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, string description, int? port)
    {
        _process = process;
        Description = description;
        Port = port;
    }

    public string Description { get; }

    /// <summary>The HTTP port of a server run; null for a command.</summary>
    public int? Port { get; }

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public bool Killed { get; private set; }

    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "IdentityCenter.Web.dll");

    /// <summary>Starts the server on a free port.</summary>
    public static AppProcess StartServer(IEnumerable<string> settings, params string[] switches)
    {
        var port = FreePort();
        return Start($"server :{port} {string.Join(' ', switches)}", port, [$"--urls=http://127.0.0.1:{port}", .. switches, .. settings]);
    }

    /// <summary>Runs an operator command of the app binary (import-users, revoke-credentials).</summary>
    public static AppProcess StartCommand(IEnumerable<string> settings, params string[] command) =>
        Start(string.Join(' ', command), null, [.. command, .. settings]);

    private static AppProcess Start(string description, int? port, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, description, port);
        process.OutputDataReceived += (_, e) => app.Receive(e.Data, app._stdoutClosed);
        process.ErrorDataReceived += (_, e) => app.Receive(e.Data, app._stderrClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Receive(string? line, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (_lines)
        {
            _lines.Add((_clock.Elapsed, line));
        }
    }

    public IReadOnlyList<(TimeSpan At, string Line)> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines.Select(l => l.Line));

    /// <summary>When the first line containing <paramref name="text"/> arrived, or null.</summary>
    public TimeSpan? LineAt(string text) =>
        Lines.Where(l => l.Line.Contains(text, StringComparison.Ordinal)).Select(l => (TimeSpan?)l.At).FirstOrDefault();

    /// <summary>Waits for a line containing <paramref name="text"/>; null if the process exits first or the timeout passes.</summary>
    public async Task<TimeSpan?> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            if (LineAt(text) is { } at)
            {
                return at;
            }

            if (_process.HasExited)
            {
                await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(5));
                return LineAt(text);
            }

            await Task.Delay(5);
        }

        return null;
    }

    /// <summary>SIGKILL (no shutdown code runs), then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: false);
                Killed = true;
            }
            catch (InvalidOperationException)
            {
                // It exited on its own between the check and the kill.
            }
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"'{Description}' did not finish within {timeout.TotalSeconds:0} s. Output:\n{Output}");
        }

        await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        return _process.ExitCode;
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200; the time since start, or null after <paramref name="limit"/> (or if the process exits).</summary>
    public async Task<TimeSpan?> WaitReadyAsync(HttpClient http, TimeSpan limit)
    {
        while (_clock.Elapsed < limit + TimeSpan.FromSeconds(20) && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return _clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow answer while starting.
            }

            await Task.Delay(50);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
