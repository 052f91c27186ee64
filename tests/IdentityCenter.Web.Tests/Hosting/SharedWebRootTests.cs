using System.Net;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Hosting;

public sealed class SharedWebRootTests(IdentityCenterWebFactory factory) : IClassFixture<IdentityCenterWebFactory>
{
    [Theory]
    [InlineData("/css/identitycenter.css", "text/css")]
    [InlineData("/img/logo.svg", "image/svg+xml")]
    [InlineData("/favicon.ico", "image/x-icon")]
    public async Task SharedAsset_Requested_ServedFromTopLevelWwwroot(string path, string contentType)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task LandingPage_Requested_LinksOurStylesheetAndMudBlazor()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("css/identitycenter.css", html, StringComparison.Ordinal);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Requested_Returns404WithFriendlyPage()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
