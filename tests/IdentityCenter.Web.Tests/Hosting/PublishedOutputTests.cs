using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// <c>dotnet publish</c> output, copied outside the repository and started as an operator would
/// (<c>dotnet IdentityCenter.Web.dll</c> in its folder), serves every stylesheet, script and image its sign-in page
/// links: the top-level <c>wwwroot</c> must travel with the publish output, not only with the container image.
/// </summary>
public sealed partial class PublishedOutputTests
{
    [Fact]
    public async Task Published_output_started_outside_the_repository_serves_every_asset_of_the_sign_in_page()
    {
        var work = Directory.CreateTempSubdirectory("ic-publish-");
        try
        {
            var publish = Path.Combine(work.FullName, "app");
            await PublishAsync(publish);
            Assert.True(Directory.Exists(Path.Combine(publish, "shared-wwwroot", "css")), "The publish output has no shared-wwwroot/css: the top-level wwwroot was not published.");

            var port = FreePort();
            using var app = StartApp(publish, Path.Combine(work.FullName, "data"), port);
            try
            {
                await CheckAssetsAsync(port, app);
            }
            finally
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans its temp folder.
            }
        }
    }

    private static async Task CheckAssetsAsync(int port, Process app)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilReadyAsync(http, app);

        var page = await http.GetStringAsync(new Uri("/Account/Login", UriKind.Relative));
        var assets = AssetReference().Matches(page).Select(m => m.Groups["url"].Value)
            .Where(url => url.StartsWith('/') || !url.Contains(':', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // The page links our own stylesheet, MudBlazor's stylesheet and scripts, and Blazor's script.
        Assert.Contains(assets, a => a.Contains("css/", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal) && !a.Contains("MudBlazor", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));

        var missing = new List<string>();
        foreach (var asset in assets)
        {
            using var response = await http.GetAsync(new Uri(asset.StartsWith('/') ? asset : "/" + asset, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
            {
                missing.Add($"{asset}: {(int)response.StatusCode}, {body.Length} bytes");
            }
        }

        Assert.True(missing.Count == 0, "The published app does not serve what its sign-in page links:\n" + string.Join('\n', missing));
    }

    [GeneratedRegex("""<(?:link|script|img)\b[^>]*?\b(?:href|src)="(?<url>[^"#?]+)[^"]*"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    /// <summary>Publishes the Web project as this test run built it (no second build) into <paramref name="output"/>.</summary>
    private static async Task PublishAsync(string output)
    {
        var repository = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "publish", Path.Combine("src", "IdentityCenter.Web", "IdentityCenter.Web.csproj"), "--no-build", "-c", configuration, "-o", output, "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }

    private static Process StartApp(string folder, string dataDirectory, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("IdentityCenter.Web.dll");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["IdentityCenter__DataDirectory"] = dataDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process app)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.False(app.HasExited, $"The published app exited with {(app.HasExited ? app.ExitCode : 0)} before it was ready.");
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("The published app did not become ready within 90 s.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IdentityCenter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IdentityCenter.sln was not found above the test's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
