using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Web.Components.SignIn;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Microsoft.AspNetCore.Routing;

internal static class AccountEndpoints
{
    /// <summary>Form posts of the account pages that are not pages themselves.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Sign-out is a POST with an antiforgery token, so another site cannot sign a user out.
        endpoints.MapPost("/Account/Logout", async Task<IResult> (HttpContext context, [FromServices] SignInManager<ApplicationUser> signInManager) =>
        {
            // The antiforgery middleware only records the outcome for an endpoint that binds no form; refuse here.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                return TypedResults.BadRequest("The sign-out form expired. Reload the page and sign out again.");
            }

            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~" + SignInNavigation.SignedOutPath);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
