using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.E2E.Infrastructure;

/// <summary>The real app on real Kestrel, on a free loopback port, with a fresh temporary data directory.</summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    public const string AdminUserName = "admin";
    public const string AdminBootstrapPassword = "Bootstrap-Pa55word!";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ic-e2e-").FullName;

    public Uri BaseUrl { get; }

    public AppServer()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
        builder.UseSetting("IdentityCenter:Bootstrap:AdminUserName", AdminUserName);
        builder.UseSetting("IdentityCenter:Bootstrap:AdminPassword", AdminBootstrapPassword);

        // Every browser of the suite signs in from 127.0.0.1: the per-client sign-in limit must not refuse them.
        builder.UseSetting("IdentityCenter:RateLimits:SignIn:PermitLimit", "100000");
        builder.UseSetting("IdentityCenter:RateLimits:Credentials:PermitLimit", "100000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            DeleteDataDirectory();
        }
    }

    // Best effort: a background writer finishing after shutdown (SQLite WAL files) may still hold a file
    // for a moment; a leftover temporary folder must not fail the test run.
    private void DeleteDataDirectory()
    {
        for (var attempt = 0; attempt < 5 && System.IO.Directory.Exists(DataDirectory); attempt++)
        {
            try
            {
                System.IO.Directory.Delete(DataDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
