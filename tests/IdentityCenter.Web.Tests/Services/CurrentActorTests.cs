using System.Net;
using System.Security.Claims;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Services;

/// <summary>
/// The one acting principal of audit events, in its two settings: an interactive circuit (address and browser
/// captured when the circuit opened, since interactive events have no HttpContext) and a plain HTTP request.
/// </summary>
public sealed class CurrentActorTests
{
    private static readonly ClaimsPrincipal Alice = new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "u-alice"),
            new Claim(ClaimTypes.Name, "alice"),
            new Claim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue),
        ],
        "Test"));

    [Fact]
    public async Task Circuit_InteractiveEventWithoutHttpContext_AddressAndBrowserFromCircuitStart()
    {
        await using var services = Services(out var accessor);
        await using var circuitScope = services.CreateAsyncScope();
        accessor.HttpContext = Request("198.51.100.23", "Mozilla/5.0 (circuit test)", new ClaimsPrincipal());

        // The circuit opens while the connection's HttpContext is reachable...
        foreach (var handler in circuitScope.ServiceProvider.GetServices<CircuitHandler>())
        {
            await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        }

        // ...and a later click has none.
        accessor.HttpContext = null;
        var actor = circuitScope.ServiceProvider.GetRequiredService<CurrentActor>();

        var caller = await actor.GetCredentialCallerAsync();
        var audited = await actor.GetAsync();

        Assert.Equal(("u-alice", "alice", true, "198.51.100.23", "Mozilla/5.0 (circuit test)"), (caller.UserId, caller.UserName, caller.MfaPresent, caller.SourceIpAddress, caller.UserAgent));
        Assert.Equal(("u-alice", "alice", "198.51.100.23", "Mozilla/5.0 (circuit test)"), (audited.UserId, audited.UserName, audited.SourceIpAddress, audited.UserAgent));
    }

    [Fact]
    public async Task HttpRequest_NoCircuit_UserAddressAndBrowserOfTheRequest()
    {
        await using var services = Services(out var accessor);
        await using var requestScope = services.CreateAsyncScope();
        var bob = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u-bob"), new Claim(ClaimTypes.Name, "bob")], "Cookie"));
        accessor.HttpContext = Request("203.0.113.9", "curl/8.5", bob);

        var caller = await requestScope.ServiceProvider.GetRequiredService<CurrentActor>().GetCredentialCallerAsync();

        Assert.Equal(("u-bob", "bob", false, "203.0.113.9", "curl/8.5"), (caller.UserId, caller.UserName, caller.MfaPresent, caller.SourceIpAddress, caller.UserAgent));
    }

    private static ServiceProvider Services(out HttpContextAccessor accessor)
    {
        var services = new ServiceCollection();
        services.AddIdentityCenterAdminConsole();
        accessor = new HttpContextAccessor();
        services.AddSingleton<IHttpContextAccessor>(accessor);
        services.AddScoped<AuthenticationStateProvider>(_ => new FixedAuthenticationState(Alice));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static DefaultHttpContext Request(string ip, string userAgent, ClaimsPrincipal user)
    {
        var http = new DefaultHttpContext { User = user };
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        http.Request.Headers.UserAgent = userAgent;
        return http;
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
