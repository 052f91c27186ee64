using System.Net;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>What the app exposes: benchmark-only endpoints live in the benchmark host, never in the app.</summary>
public sealed class AppRoutesTests(CredentialsWebFactory factory) : IClassFixture<CredentialsWebFactory>
{
    [Fact]
    public async Task BenchmarkBaseline_IsNoRouteOfTheApp()
    {
        using var client = factory.CreateClient();

        using var post = await client.PostAsync(new Uri("/api/bare", UriKind.Relative), new StringContent("{}"));
        using var get = await client.GetAsync(new Uri("/api/bare", UriKind.Relative));

        Assert.DoesNotContain(AppEndpoints.All(factory.Services), e => (e.RoutePattern.RawText ?? "").Contains("bare", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(AppEndpoints.All(factory.Services), e => e.RoutePattern.RawText == "/api/authorize");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.False(post.IsSuccessStatusCode);
        Assert.DoesNotContain("decision", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
