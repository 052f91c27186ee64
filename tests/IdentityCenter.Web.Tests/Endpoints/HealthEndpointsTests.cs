using System.Net;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Endpoints;

public sealed class HealthEndpointsTests(IdentityCenterWebFactory factory) : IClassFixture<IdentityCenterWebFactory>
{
    [Fact]
    public async Task Healthz_Running_Returns200Healthy()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_DatabaseMigrated_Returns200AndDatabaseFileExists()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "identitycenter.db")));
    }
}
