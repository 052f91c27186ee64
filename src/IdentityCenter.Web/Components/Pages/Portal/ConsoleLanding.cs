namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>Where the demo console lands: the path of an explicit destination, else of the relay state, else the console home.</summary>
public static class ConsoleLanding
{
    public const string Home = "/console/home";

    public static string Resolve(string? destination, string? relayState)
    {
        foreach (var candidate in new[] { destination, relayState })
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            // Only the path is shown: the demo console never redirects anywhere (no open redirect).
            return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri.PathAndQuery + uri.Fragment
                : candidate.StartsWith('/') ? candidate : "/" + candidate;
        }

        return Home;
    }
}
