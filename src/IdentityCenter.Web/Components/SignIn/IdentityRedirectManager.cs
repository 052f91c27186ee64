using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.SignIn;

/// <summary>Redirects from the static account forms, refusing anything but local URLs (no open redirects).</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "IdentityCenter.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(10),
    };

    /// <summary>The URL when it is local to this app, else the home page.</summary>
    public static string LocalOrHome(string? uri) =>
        !string.IsNullOrEmpty(uri) && Uri.IsWellFormedUriString(uri, UriKind.Relative)
        && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
        && !uri.Contains("://", StringComparison.Ordinal)
            ? uri
            : "/";

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var target = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        navigationManager.NavigateTo(navigationManager.ToBaseRelativePath(target).Insert(0, "/"));
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }
}
