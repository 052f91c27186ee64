using System.Security.Claims;
using IdentityCenter.Core.Audit;
using Microsoft.AspNetCore.Components.Authorization;

namespace IdentityCenter.Web.Services;

/// <summary>
/// The signed-in administrator as the <see cref="Actor"/> every service write needs. Scoped: one per
/// circuit. The IP address and user agent are read once, when the circuit's scope first resolves this
/// (the initial render, while the hub's HttpContext is still reachable); interactive events have no
/// HttpContext, so later reads would only see null.
/// </summary>
public sealed class CurrentActor
{
    private readonly AuthenticationStateProvider _authentication;
    private readonly string? _ipAddress;
    private readonly string? _userAgent;

    public CurrentActor(AuthenticationStateProvider authentication, IHttpContextAccessor httpContextAccessor)
    {
        ArgumentNullException.ThrowIfNull(httpContextAccessor);
        _authentication = authentication;
        var http = httpContextAccessor.HttpContext;
        _ipAddress = http?.Connection.RemoteIpAddress?.ToString();
        var userAgent = http?.Request.Headers.UserAgent.ToString();
        _userAgent = string.IsNullOrEmpty(userAgent) ? null : userAgent;
    }

    /// <summary>The acting user now (the user is re-read each time: the authentication state can change during a circuit).</summary>
    public async Task<Actor> GetAsync()
    {
        var state = await _authentication.GetAuthenticationStateAsync();
        var user = state.User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Name) ?? "unknown";
        return new Actor(userId, userName, _ipAddress, _userAgent);
    }

    /// <summary>The acting user's id, to grey out actions an administrator cannot do to themselves.</summary>
    public async Task<string?> GetUserIdAsync()
    {
        var state = await _authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }
}
