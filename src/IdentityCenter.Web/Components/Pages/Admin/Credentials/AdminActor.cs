using System.Security.Claims;
using IdentityCenter.Core.Audit;

namespace IdentityCenter.Web.Components.Pages.Admin.Credentials;

/// <summary>The audit actor of an administrator acting over the interactive circuit.</summary>
internal static class AdminActor
{
    public static Actor From(ClaimsPrincipal user) => new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "administrator");
}
