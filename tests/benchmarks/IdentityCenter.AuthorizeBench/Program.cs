using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdentityCenter.AuthorizeBench;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.AuthorizeBench;

internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: IdentityCenter.AuthorizeBench [--port 5099] [--duration 30] [--connections 64] [--threads 2] [--lua path] [--issue-seconds 5]
        var options = Args.Parse(args);
        var dataDirectory = Directory.CreateTempSubdirectory("ic-bench-").FullName;
        try
        {
            using var host = new BenchHost(options.Port, dataDirectory);
            host.StartServer();
            var baseUrl = $"http://127.0.0.1:{options.Port}";
            Console.WriteLine($"IdentityCenter (Release, SQLite, benchmark access model) listening on {baseUrl}");

            var registry = host.Services.GetRequiredService<ResourceServiceRegistry>();
            var serviceKey = (await registry.RegisterAsync("bench-" + Guid.NewGuid().ToString("N")[..8], "wrk", Actor.System)).Value!.ApiKey;
            var caller = new CredentialCaller(BenchAccessModel.UserId, BenchAccessModel.UserName, MfaPresent: true, "127.0.0.1");

            // Credential issuance: the portal's path (live entitlement resolution, token sealing, queued audit) on all cores.
            var issued = await MeasureIssuanceAsync(host.Services, caller, TimeSpan.FromSeconds(options.IssueSeconds));
            Console.WriteLine($"Credential issuance: {issued.PerSecond:N0} credentials/s ({issued.Count:N0} in {issued.Elapsed.TotalSeconds:N1} s, {Environment.ProcessorCount} workers)");

            RoleCredentials credentials;
            await using (var scope = host.Services.CreateAsyncScope())
            {
                credentials = (await scope.ServiceProvider.GetRequiredService<CredentialService>().IssueAsync(caller, BenchAccessModel.Account, BenchAccessModel.RoleName)).Credentials!;
            }

            var body = JsonSerializer.Serialize(new
            {
                accessKeyId = credentials.AccessKeyId,
                sessionToken = credentials.SessionToken,
                action = "s3:PutObject",
                resource = "arn:aws:s3:::demo-data/analytics/2026/report.csv",
                context = new Dictionary<string, object> { ["aws:RequestedRegion"] = "us-east-1", ["aws:SourceIp"] = "10.0.0.8", ["aws:SecureTransport"] = true },
            });
            var bodyFile = Path.Combine(dataDirectory, "authorize-body.json");
            await File.WriteAllTextAsync(bodyFile, body);

            using (var client = new HttpClient { BaseAddress = new Uri(baseUrl) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/authorize") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Console.WriteLine($"Sanity check: {(int)response.StatusCode} {text}");
                if (!response.IsSuccessStatusCode || !text.Contains("\"decision\":\"Allow\"", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine("The authorize sanity check did not allow; not benchmarking.");
                    return 2;
                }
            }

            var environment = new Dictionary<string, string> { ["IC_BENCH_BODY"] = bodyFile, ["IC_BENCH_KEY"] = serviceKey };
            Console.WriteLine($"wrk: {options.Connections} connections, {options.Threads} threads, {options.Duration} s per endpoint, after a 5 s warm-up each");
            Wrk.Run(options, baseUrl + "/api/bare", 5, environment);
            Wrk.Run(options, baseUrl + "/api/authorize", 5, environment);
            var bare = Wrk.Run(options, baseUrl + "/api/bare", options.Duration, environment);
            var authorize = Wrk.Run(options, baseUrl + "/api/authorize", options.Duration, environment);

            Console.WriteLine();
            Console.WriteLine("| Endpoint | Requests/s | p50 | p75 | p90 | p99 | Errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(bare.Row("POST /api/bare"));
            Console.WriteLine(authorize.Row("POST /api/authorize"));
            var throughput = authorize.RequestsPerSecond / bare.RequestsPerSecond;
            var latency = authorize.P50Ms / bare.P50Ms;
            Console.WriteLine();
            Console.WriteLine($"authorize / bare: {throughput:P0} of the requests/s (target >= 50%), {latency:N2}x the median latency (target <= 2x), errors {authorize.Errors + bare.Errors} (target 0)");
            Console.WriteLine($"credential issuance: {issued.PerSecond:N0}/s (target >= 1,000)");
            var pass = throughput >= 0.5 && latency <= 2 && authorize.Errors == 0 && bare.Errors == 0 && issued.PerSecond >= 1000;
            Console.WriteLine(pass ? "RESULT: all targets met" : "RESULT: a target was missed");
            await host.Services.GetRequiredService<CredentialsBackgroundService>().FlushAllAsync();
            return pass ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // The temp folder is cleaned by the OS.
            }
        }
    }

    private static async Task<(long Count, TimeSpan Elapsed, double PerSecond)> MeasureIssuanceAsync(IServiceProvider services, CredentialCaller caller, TimeSpan duration)
    {
        // Warm up the JIT and the token key.
        await IssueLoopAsync(services, caller, TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() => IssueLoopAsync(services, caller, duration))));
        stopwatch.Stop();
        var total = counts.Sum();
        return (total, stopwatch.Elapsed, total / stopwatch.Elapsed.TotalSeconds);
    }

    private static async Task<long> IssueLoopAsync(IServiceProvider services, CredentialCaller caller, TimeSpan duration)
    {
        long count = 0;
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            await using var scope = services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<CredentialService>().IssueAsync(caller, BenchAccessModel.Account, BenchAccessModel.RoleName);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Message);
            }

            count++;
        }

        return count;
    }
}

internal sealed record Args(int Port, int Duration, int Connections, int Threads, string Lua, int IssueSeconds)
{
    public static Args Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Args(
            int.Parse(Value("--port", "5099"), CultureInfo.InvariantCulture),
            int.Parse(Value("--duration", "30"), CultureInfo.InvariantCulture),
            int.Parse(Value("--connections", "64"), CultureInfo.InvariantCulture),
            int.Parse(Value("--threads", "2"), CultureInfo.InvariantCulture),
            Value("--lua", Path.Combine(AppContext.BaseDirectory, "authorize.lua")),
            int.Parse(Value("--issue-seconds", "5"), CultureInfo.InvariantCulture));
    }
}

internal sealed partial record WrkResult(double RequestsPerSecond, double P50Ms, double P75Ms, double P90Ms, double P99Ms, long Errors)
{
    public string Row(string name) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {RequestsPerSecond:N0} | {P50Ms:N2} ms | {P75Ms:N2} ms | {P90Ms:N2} ms | {P99Ms:N2} ms | {Errors} |");
}

internal static partial class Wrk
{
    public static WrkResult Run(Args options, string url, int seconds, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-t", options.Threads.ToString(CultureInfo.InvariantCulture), "-c", options.Connections.ToString(CultureInfo.InvariantCulture), "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--latency", "-s", options.Lua, url })
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk (apt-get install wrk).");
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {errors}{output}");
        }

        if (seconds == options.Duration)
        {
            Console.WriteLine($"--- wrk {url}");
            Console.WriteLine(output.TrimEnd());
        }

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        long errorCount = 0;
        if (NonSuccess().Match(output) is { Success: true } non)
        {
            errorCount += long.Parse(non.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errorCount += socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(rps, Percentile(output, "50"), Percentile(output, "75"), Percentile(output, "90"), Percentile(output, "99"), errorCount);
    }

    private static double Percentile(string output, string p)
    {
        var m = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
