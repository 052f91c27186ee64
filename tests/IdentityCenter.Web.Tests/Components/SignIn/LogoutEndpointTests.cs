using System.Net;
using IdentityCenter.Web.Tests.TestHost;

namespace IdentityCenter.Web.Tests.Components.SignIn;

public sealed class LogoutEndpointTests(IdentityCenterWebFactory factory) : IClassFixture<IdentityCenterWebFactory>
{
    [Fact]
    public async Task Logout_PostWithoutAntiforgeryToken_IsRefused()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync(new Uri("/Account/Logout", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
