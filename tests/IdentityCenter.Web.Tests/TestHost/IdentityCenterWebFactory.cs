using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>The real app on the in-memory test server, with a fresh temporary data directory.</summary>
public sealed class IdentityCenterWebFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ic-web-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("IdentityCenter:DataDirectory", DataDirectory);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestFolders.TryDelete(DataDirectory);
        }
    }
}
