using System.Security.Claims;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace IdentityCenter.Web.Services;

/// <summary>
/// The one way to build the acting principal of an audit event (who, from where, with which browser), for
/// HTTP requests (account forms, APIs) and interactive circuits (admin console, portal) alike. Scoped.
/// <list type="bullet">
/// <item>In a circuit: the user of the circuit's authentication state (re-read each time: it can change while the
/// circuit lives) and the address and user agent captured when the circuit opened (<see cref="CircuitOrigin"/>).</item>
/// <item>In an HTTP request: the request's user, address and user agent.</item>
/// </list>
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, IHttpContextAccessor httpContextAccessor, CircuitOrigin circuit)
{
    /// <summary>The acting user now.</summary>
    public async Task<Actor> GetAsync()
    {
        var (user, origin) = await ResolveAsync();
        return ActorOf(user, origin);
    }

    /// <summary>The acting user as the credential service needs them: the actor, plus whether the sign-in used MFA.</summary>
    public async Task<CredentialCaller> GetCredentialCallerAsync()
    {
        var (user, origin) = await ResolveAsync();
        var actor = ActorOf(user, origin);
        return new CredentialCaller(
            actor.UserId ?? "",
            actor.UserName,
            user.HasClaim(IdentityCenterClaimTypes.MfaAuthenticated, IdentityCenterClaimTypes.TrueValue),
            actor.SourceIpAddress,
            actor.UserAgent);
    }

    /// <summary>The acting user's id, to grey out actions an administrator cannot do to themselves.</summary>
    public async Task<string?> GetUserIdAsync() => (await ResolveAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The signed-in principal now (re-read in a circuit: it can change while the circuit lives).</summary>
    public async Task<ClaimsPrincipal> GetPrincipalAsync() => (await ResolveAsync()).User;

    /// <summary>The signed-in principal and where the request or circuit comes from, for authorization request keys.</summary>
    public Task<(ClaimsPrincipal User, RequestOrigin Origin)> GetPrincipalAndOriginAsync() => ResolveAsync();

    private static Actor ActorOf(ClaimsPrincipal user, RequestOrigin origin) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Name) ?? "anonymous",
        origin.SourceIpAddress,
        origin.UserAgent);

    private async Task<(ClaimsPrincipal User, RequestOrigin Origin)> ResolveAsync()
    {
        if (circuit.Origin is { } circuitOrigin)
        {
            return ((await authentication.GetAuthenticationStateAsync()).User, circuitOrigin);
        }

        if (httpContextAccessor.HttpContext is { } http)
        {
            return (http.User, RequestOrigin.From(http));
        }

        // Neither a request nor a circuit (a component rendered on its own): the user, from nowhere known.
        return ((await authentication.GetAuthenticationStateAsync()).User, RequestOrigin.Unknown);
    }
}
