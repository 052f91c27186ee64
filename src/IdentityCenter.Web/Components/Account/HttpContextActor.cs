using System.Security.Claims;
using IdentityCenter.Core.Audit;

namespace IdentityCenter.Web.Components.Account;

/// <summary>The audit actor of a request: the signed-in user, their address and browser.</summary>
internal static class HttpContextActor
{
    public static Actor From(HttpContext context) => new(
        context.User.FindFirstValue(ClaimTypes.NameIdentifier),
        context.User.Identity?.Name ?? "anonymous",
        context.Connection.RemoteIpAddress?.ToString(),
        context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);
}
