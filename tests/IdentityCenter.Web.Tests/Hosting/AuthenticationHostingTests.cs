using System.Net;
using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Sessions;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Net.Http.Headers;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>
/// The web host's sign-in cookies (<c>AddIdentityCenterAuthentication</c>): the session check on every request, the absolute
/// expiry a renewal keeps, the application cookie's own cap and the trusted-device cookie's lifetime, on the real app.
/// </summary>
public sealed class AuthenticationHostingTests : IDisposable
{
    private static readonly Uri ChangePassword = new("/Account/ChangePassword", UriKind.Relative);

    private readonly IdentityCenterWebFactory factory = new();

    // Whole seconds: cookie tickets keep their dates to the second.
    private readonly FakeTimeProvider time = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly WebApplicationFactory<Program> app;

    public AuthenticationHostingTests()
    {
        app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(time);
        }));
    }

    public void Dispose()
    {
        app.Dispose();
        factory.Dispose();
    }

    [Fact]
    public void ApplicationCookie_CappedAtTheLongestSession_NeverSliding_TrustedDeviceThirtyDays()
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        var application = options.Get(IdentityConstants.ApplicationScheme);

        Assert.Equal(SignInSettings.MaxSessionDuration, application.ExpireTimeSpan);
        Assert.False(application.SlidingExpiration);
        Assert.Equal("/Account/Login", application.LoginPath);
        Assert.Equal(MfaSettings.TrustedDeviceLifetime, options.Get(IdentityConstants.TwoFactorRememberMeScheme).ExpireTimeSpan);
    }

    [Fact]
    public async Task SessionEndedByAnAdministrator_NextRequestIsSentToSignIn()
    {
        var (cookies, userId) = await SignInNewUserAsync("ulla");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, ChangePassword, cookies)).StatusCode);
        var sessionId = Ticket(cookies).Principal.FindFirstValue(IdentityCenterClaimTypes.SessionId)!;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<IUserSessionService>().EndSessionAsync(userId, sessionId, Actor.System)).Succeeded);
        }

        using var after = await GetAsync(client, ChangePassword, cookies);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        var location = after.Headers.Location!;
        Assert.Equal("/Account/Login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
    }

    [Fact]
    public async Task StampCheckRenewal_KeepsTheAbsoluteExpiryAndThePendingSteps()
    {
        var (cookies, _) = await SignInNewUserAsync("viktor");
        var signedIn = Ticket(cookies);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var session = await scope.ServiceProvider.GetRequiredService<IUserSessionService>().GetAsync(signedIn.Principal.FindFirstValue(IdentityCenterClaimTypes.SessionId)!);
            Assert.Equal(session!.ExpiresAt, signedIn.Properties.ExpiresUtc);
        }

        // Past the security-stamp interval the check rebuilds the principal and the handler renews the cookie.
        time.Advance(TimeSpan.FromMinutes(2));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var response = await GetAsync(client, ChangePassword, cookies);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = SetCookieHeaderValue.ParseList(response.Headers.TryGetValues(HeaderNames.SetCookie, out var values) ? values.ToList() : [])
            .Where(c => c.Name.Value!.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(renewed);
        var ticket = Ticket(string.Join("; ", renewed.Select(c => $"{c.Name}={c.Value}")));
        Assert.Equal(signedIn.Properties.ExpiresUtc, ticket.Properties.ExpiresUtc);
        Assert.True(ticket.Principal.HasClaim(IdentityCenterClaimTypes.MustChangePassword, IdentityCenterClaimTypes.TrueValue));
        Assert.Equal(signedIn.Principal.FindFirstValue(IdentityCenterClaimTypes.SessionId), ticket.Principal.FindFirstValue(IdentityCenterClaimTypes.SessionId));
    }

    [Fact]
    public async Task TrustedDeviceCookie_LastsThirtyDays()
    {
        var (_, userId) = await SignInNewUserAsync("wilma");
        await using var scope = app.Services.CreateAsyncScope();
        var (http, signIn) = NewRequest(scope.ServiceProvider);

        await signIn.RememberTwoFactorClientAsync((await signIn.UserManager.FindByIdAsync(userId))!);

        var cookie = Assert.Single(SetCookieHeaderValue.ParseList(http.Response.Headers.SetCookie.Select(v => v!).ToList()), c => c.Name == IdentityConstants.TwoFactorRememberMeScheme);
        Assert.NotNull(cookie.Expires);
        Assert.InRange(cookie.Expires!.Value - (time.GetUtcNow() + MfaSettings.TrustedDeviceLifetime), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A new user signed in with their one-time password (a pending password change); the cookies a browser would keep.</summary>
    private async Task<(string Cookies, string UserId)> SignInNewUserAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = (await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(userName, userName), Actor.System)).Value!;
        var (http, signIn) = NewRequest(scope.ServiceProvider);
        Assert.True((await signIn.PasswordSignInAsync(userName, created.OneTimePassword, false, true)).Succeeded);
        var cookies = string.Join("; ", http.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Where(c => !c.EndsWith('=')));
        return (cookies, created.User.Id);
    }

    private static (HttpContext Http, SignInManager<ApplicationUser> SignIn) NewRequest(IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers.UserAgent = "tests/1.0";
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost");
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = http;
        var signIn = services.GetRequiredService<SignInManager<ApplicationUser>>();
        signIn.Context = http;
        return (http, signIn);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, Uri path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HeaderNames.Cookie, cookies);
        return await client.SendAsync(request);
    }

    /// <summary>The application cookie's ticket among <paramref name="cookies"/>, read as the cookie handler reads it (chunks joined).</summary>
    private AuthenticationTicket Ticket(string cookies)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = cookies;
        var value = options.CookieManager.GetRequestCookie(http, options.Cookie.Name!);
        return options.TicketDataFormat.Unprotect(value) ?? throw new InvalidOperationException("No application cookie among " + cookies);
    }
}
