using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IdentityCenter.AuthorizeBench;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.S3;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Infrastructure.Sso;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.AuthorizeBench;

internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: IdentityCenter.AuthorizeBench [--port 5099] [--duration 30] [--connections 64] [--threads 2] [--lua path] [--issue-seconds 5]
        // IC_BENCH_HOLD=<file>: after the sanity checks, write the service key, body files, SSO token, S3 GetObject path and query and process id to <file> and keep
        // the host up for 20 minutes instead of running wrk (to profile it, e.g. with dotnet-trace, under a wrk load of one's own).
        var options = Args.Parse(args);
        var dataDirectory = Directory.CreateTempSubdirectory("ic-bench-").FullName;
        try
        {
            using var host = new BenchHost(options.Port, dataDirectory);
            host.StartServer();
            var baseUrl = $"http://127.0.0.1:{options.Port}";
            Console.WriteLine($"IdentityCenter (Release, SQLite, benchmark access model) listening on {baseUrl}");

            var registry = host.Services.GetRequiredService<ResourceServiceRegistry>();
            var serviceKey = (await registry.RegisterAsync("bench-" + Guid.NewGuid().ToString("N")[..8], "wrk", allowBareTokens: true, Actor.System)).Value!.ApiKey;
            var ssoToken = await SignInCliAsync(host.Services, baseUrl);
            var caller = new CredentialCaller(BenchAccessModel.UserId, BenchAccessModel.UserName, MfaPresent: true, "127.0.0.1");

            // Credential issuance: the portal's path (live entitlement resolution, token sealing, queued audit) on all cores.
            var issued = await MeasureIssuanceAsync(host.Services, caller, TimeSpan.FromSeconds(options.IssueSeconds));
            Console.WriteLine($"Credential issuance: {issued.PerSecond:N0} credentials/s ({issued.Count:N0} in {issued.Elapsed.TotalSeconds:N1} s, {Environment.ProcessorCount} workers)");

            // The issuance run queued an audit entry per credential: write them now, or wrk measures their flush.
            await host.Services.GetRequiredService<CredentialsBackgroundService>().FlushAllAsync();

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

            // The same question as a resource service forwards it: the client's request signed with SigV4 (the SDK's presigned S3 PUT).
            var signedBody = SignedAuthorizeBody(credentials, baseUrl);
            var signedBodyFile = Path.Combine(dataDirectory, "authorize-signed-body.json");
            await File.WriteAllTextAsync(signedBodyFile, signedBody);
            var credentialsPath = $"/aws/sso/federation/credentials?role_name={BenchAccessModel.RoleName}&account_id={BenchAccessModel.Account}";

            // S3 GetObject of a small object in a bucket of the benchmark account, presigned by the AWS SDK (SigV4 in the query).
            var getObjectPath = await S3GetObjectPathAsync(host.Services, credentials, baseUrl);

            // Every benchmarked request must succeed once before wrk repeats it.
            using (var client = new HttpClient { BaseAddress = new Uri(baseUrl) })
            {
                var getCredentials = new HttpRequestMessage(HttpMethod.Get, credentialsPath);
                getCredentials.Headers.Add("x-amz-sso_bearer_token", ssoToken);
                if (!await SanityCheckAsync(client, AuthorizeRequest(body, serviceKey), "authorize", "\"decision\":\"Allow\"")
                    || !await SanityCheckAsync(client, AuthorizeRequest(signedBody, serviceKey), "signed authorize", "\"decision\":\"Allow\"")
                    || !await SanityCheckAsync(client, getCredentials, "GetRoleCredentials", "\"roleCredentials\"")
                    || !await SanityCheckAsync(client, new HttpRequestMessage(HttpMethod.Get, getObjectPath), "S3 GetObject", S3ObjectText))
                {
                    return 2;
                }
            }

            if (Environment.GetEnvironmentVariable("IC_BENCH_HOLD") is { Length: > 0 } holdFile)
            {
                await File.WriteAllTextAsync(holdFile, $"KEY={serviceKey}\nBODY={bodyFile}\nSIGNED={signedBodyFile}\nSSO={ssoToken}\nS3={getObjectPath}\nPID={Environment.ProcessId}\n");
                await Task.Delay(TimeSpan.FromMinutes(20));
            }

            var environment = new Dictionary<string, string> { ["IC_BENCH_BODY"] = bodyFile, ["IC_BENCH_KEY"] = serviceKey, ["IC_BENCH_SSO_TOKEN"] = ssoToken };
            var signedEnvironment = new Dictionary<string, string>(environment) { ["IC_BENCH_BODY"] = signedBodyFile };
            var getLua = Path.Combine(AppContext.BaseDirectory, "get-role-credentials.lua");
            var s3Lua = Path.Combine(AppContext.BaseDirectory, "s3-get-object.lua");
            Console.WriteLine($"wrk: {options.Connections} connections, {options.Threads} threads, {options.Duration} s per endpoint, after a 5 s warm-up each");
            Wrk.Run(options, options.Lua, baseUrl + "/api/bare", 5, environment);
            Wrk.Run(options, options.Lua, baseUrl + "/api/authorize", 5, environment);
            Wrk.Run(options, getLua, baseUrl + credentialsPath, 5, environment);
            Wrk.Run(options, options.Lua, baseUrl + "/api/authorize", 5, signedEnvironment);
            Wrk.Run(options, s3Lua, baseUrl + getObjectPath, 5, environment);
            var bare = Wrk.Run(options, options.Lua, baseUrl + "/api/bare", options.Duration, environment);
            var authorize = Wrk.Run(options, options.Lua, baseUrl + "/api/authorize", options.Duration, environment);
            var signed = Wrk.Run(options, options.Lua, baseUrl + "/api/authorize", options.Duration, signedEnvironment);
            var bareGet = Wrk.Run(options, getLua, baseUrl + "/api/bare", options.Duration, environment);
            var roleCredentials = Wrk.Run(options, getLua, baseUrl + credentialsPath, options.Duration, environment);
            // Each ratio compares adjacent runs: the constant GET is measured again right before S3 GetObject, so a drift of the
            // machine over the earlier minutes (another process, the host's own warm state) weighs on neither side alone. The
            // GetRoleCredentials run queued an audit entry per credential (about 200,000): write them first, or the flush runs
            // during the next pair and weighs on whichever of the two it overlaps.
            await host.Services.GetRequiredService<CredentialsBackgroundService>().FlushAllAsync();
            var bareGetBeforeS3 = Wrk.Run(options, getLua, baseUrl + "/api/bare", options.Duration, environment);
            var getObject = Wrk.Run(options, s3Lua, baseUrl + getObjectPath, options.Duration, environment);

            Console.WriteLine();
            Console.WriteLine("| Endpoint | Requests/s | p50 | p75 | p90 | p99 | Errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(bare.Row("POST /api/bare"));
            Console.WriteLine(authorize.Row("POST /api/authorize (bare token)"));
            Console.WriteLine(signed.Row("POST /api/authorize (forwarded SigV4 request)"));
            Console.WriteLine(bareGet.Row("GET /api/bare"));
            Console.WriteLine(roleCredentials.Row("GET /aws/sso/federation/credentials (GetRoleCredentials)"));
            Console.WriteLine(bareGetBeforeS3.Row("GET /api/bare (again, right before S3)"));
            Console.WriteLine(getObject.Row("GET /aws/s3/bench-data/... (S3 GetObject, presigned SigV4)"));
            var throughput = authorize.RequestsPerSecond / bare.RequestsPerSecond;
            var latency = authorize.P50Ms / bare.P50Ms;
            Console.WriteLine();
            Console.WriteLine($"authorize / bare: {throughput:P0} of the requests/s (target >= 50%), {latency:N2}x the median latency (target <= 2x), errors {authorize.Errors + bare.Errors} (target 0)");
            var signedThroughput = signed.RequestsPerSecond / bare.RequestsPerSecond;
            var signedLatency = signed.P50Ms / bare.P50Ms;
            Console.WriteLine($"authorize with SigV4 / bare: {signedThroughput:P0} of the requests/s (target >= 60%), {signedLatency:N2}x the median latency (target <= 2x), errors {signed.Errors} (target 0)");
            Console.WriteLine($"GetRoleCredentials over the wire: {roleCredentials.RequestsPerSecond:N0}/s (target >= 10,000), {roleCredentials.RequestsPerSecond / bareGet.RequestsPerSecond:P0} of GET /api/bare, errors {roleCredentials.Errors + bareGet.Errors} (target 0)");
            Console.WriteLine($"credential issuance in process: {issued.PerSecond:N0}/s (target >= 1,000)");
            var getObjectThroughput = getObject.RequestsPerSecond / bareGetBeforeS3.RequestsPerSecond;
            Console.WriteLine($"S3 GetObject / GET /api/bare just before it: {getObjectThroughput:P0} of the requests/s (target >= 50%), errors {getObject.Errors + bareGetBeforeS3.Errors} (target 0)");
            var pass = throughput >= 0.5 && latency <= 2 && authorize.Errors == 0 && bare.Errors == 0 && issued.PerSecond >= 1000
                && signedThroughput >= 0.6 && signedLatency <= 2 && signed.Errors == 0
                && roleCredentials.RequestsPerSecond >= 10_000 && roleCredentials.Errors == 0 && bareGet.Errors == 0
                && getObjectThroughput >= 0.5 && getObject.Errors == 0 && bareGetBeforeS3.Errors == 0;
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

    private static HttpRequestMessage AuthorizeRequest(string body, string serviceKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/authorize") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serviceKey);
        return request;
    }

    /// <summary>Sends <paramref name="request"/> once; true when it succeeds and its answer contains <paramref name="expected"/>.</summary>
    private static async Task<bool> SanityCheckAsync(HttpClient client, HttpRequestMessage request, string name, string expected)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Console.WriteLine($"Sanity check {name}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 60)]}…");
            if (response.IsSuccessStatusCode && text.Contains(expected, StringComparison.Ordinal))
            {
                return true;
            }

            Console.Error.WriteLine($"The {name} sanity check did not answer {expected}; not benchmarking. The answer: {text}");
            return false;
        }
    }

    /// <summary>
    /// An authorize body carrying a forwarded signed request: the official AWS SDK presigns a PUT of an object with
    /// the issued role credentials (path-style, this host), and the body forwards its method, path, query and host.
    /// SigV4 has no nonce, so wrk can send the same signed request again and again while it is valid (30 minutes).
    /// </summary>
    private static string SignedAuthorizeBody(RoleCredentials credentials, string baseUrl)
    {
        using var s3 = new AmazonS3Client(
            new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            new AmazonS3Config { ServiceURL = baseUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var url = new Uri(s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "demo-data",
            Key = "analytics/2026/report.csv",
            Verb = HttpVerb.PUT,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(30),
        }));
        return JsonSerializer.Serialize(new
        {
            action = "s3:PutObject",
            resource = "arn:aws:s3:::demo-data/analytics/2026/report.csv",
            context = new Dictionary<string, object> { ["aws:SourceIp"] = "10.0.0.8", ["aws:SecureTransport"] = true },
            signedRequest = new
            {
                method = "PUT",
                path = url.AbsolutePath,
                query = url.Query.TrimStart('?'),
                headers = new Dictionary<string, string> { ["host"] = url.Authority },
                service = "s3",
                region = "us-east-1",
            },
        });
    }

    private const string S3ObjectText = "id,total\n1,42\n";

    /// <summary>
    /// A bucket of the benchmark account holding one small object, and a GetObject of it presigned by the official AWS SDK
    /// with the issued role credentials (valid 30 minutes; SigV4 has no nonce, so wrk repeats it). Returns path and query.
    /// </summary>
    private static async Task<string> S3GetObjectPathAsync(IServiceProvider services, RoleCredentials credentials, string baseUrl)
    {
        const string bucket = "bench-data", key = "analytics/2026/small.csv";
        var store = services.GetRequiredService<S3ObjectStore>();
        await store.CreateBucketAsync(bucket, BenchAccessModel.Account);
        await store.PutObjectAsync(bucket, key, Encoding.UTF8.GetBytes(S3ObjectText), "text/csv");
        using var s3 = new AmazonS3Client(
            new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            new AmazonS3Config { ServiceURL = baseUrl + "/aws/s3", ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var url = new Uri(s3.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(30),
        }));
        return url.PathAndQuery;
    }

    /// <summary>
    /// The benchmark user as a real directory user with a portal session, signed in to the SSO portal API the way
    /// the AWS CLI is: RegisterClient, StartDeviceAuthorization, the person allows the code, CreateToken.
    /// </summary>
    private static async Task<string> SignInCliAsync(IServiceProvider services, string baseUrl)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var created = await provider.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(BenchAccessModel.UserName, "Benchmark user"), Actor.System);
        BenchAccessModel.UserId = created.Value?.User.Id ?? throw new InvalidOperationException("Could not create the benchmark user: " + created.Summary);
        var session = await provider.GetRequiredService<IUserSessionService>().CreateAsync(new NewSession(BenchAccessModel.UserId, "127.0.0.1", "wrk", MfaUsed: true, TrustedDevice: false));
        var origin = new RequestOrigin("127.0.0.1", "wrk");
        var oidc = provider.GetRequiredService<SsoOidcService>();
        var client = (await oidc.RegisterClientAsync(new RegisterClientInput("wrk", "public", ["sso:account:access"], null, null, null, null), origin)).Value!;
        var device = (await oidc.StartDeviceAuthorizationAsync(new StartDeviceAuthorizationInput(client.ClientId, client.ClientSecret, baseUrl + "/start"), baseUrl, origin)).Value!;
        var request = await oidc.FindByUserCodeAsync(device.UserCode);
        await oidc.DecideAsync(request.Request!.Id, allow: true, new ConsentingUser(BenchAccessModel.UserId, BenchAccessModel.UserName, session.Id, "127.0.0.1", "wrk"));
        var token = await oidc.CreateTokenAsync(new CreateTokenInput(client.ClientId, client.ClientSecret, "urn:ietf:params:oauth:grant-type:device_code", device.DeviceCode, null, null, null, null, null), origin);
        return token.Value?.AccessToken ?? throw new InvalidOperationException("CreateToken failed: " + token.Error);
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
    public static WrkResult Run(Args options, string lua, string url, int seconds, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "-t", options.Threads.ToString(CultureInfo.InvariantCulture), "-c", options.Connections.ToString(CultureInfo.InvariantCulture), "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--latency", "-s", lua, url })
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
