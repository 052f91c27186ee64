using Microsoft.AspNetCore.WebUtilities;

namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>A portal shortcut: (account, role, optional console destination), from <c>#/console?account_id=..&amp;role_name=..&amp;destination=..</c>.</summary>
public sealed record PortalShortcut(string AccountId, string RoleName, string? Destination)
{
    public const string ConsoleRoute = "/start/console";

    public string ConsolePath => ConsolePathFor(AccountId, RoleName, Destination);

    public static string ConsolePathFor(string accountId, string roleName, string? destination)
    {
        var query = new Dictionary<string, string?> { ["account_id"] = accountId, ["role_name"] = roleName };
        if (!string.IsNullOrEmpty(destination))
        {
            query["destination"] = destination;
        }

        return QueryHelpers.AddQueryString(ConsoleRoute, query);
    }

    /// <summary>The shareable link AWS builds: <c>/start/#/console?account_id=..&amp;role_name=..&amp;destination=..</c>.</summary>
    public static string ShortcutLink(string accountId, string roleName, string? destination)
    {
        var query = new Dictionary<string, string?> { ["account_id"] = accountId, ["role_name"] = roleName };
        if (!string.IsNullOrEmpty(destination))
        {
            query["destination"] = destination;
        }

        // AddQueryString would put the query before the fragment; the shortcut keeps it inside the fragment.
        return "/start/#" + QueryHelpers.AddQueryString("/console", query);
    }

    public static bool TryParse(string? fragment, out PortalShortcut shortcut)
    {
        shortcut = default!;
        if (string.IsNullOrEmpty(fragment))
        {
            return false;
        }

        var text = fragment.TrimStart('#');
        if (!text.StartsWith("/console", StringComparison.Ordinal))
        {
            return false;
        }

        var q = text.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return false;
        }

        var query = QueryHelpers.ParseQuery(text[q..]);
        var account = query.TryGetValue("account_id", out var a) ? a.ToString() : "";
        var role = query.TryGetValue("role_name", out var r) ? r.ToString() : "";
        if (account.Length == 0 || role.Length == 0)
        {
            return false;
        }

        var destination = query.TryGetValue("destination", out var d) && d.ToString().Length > 0 ? d.ToString() : null;
        shortcut = new PortalShortcut(account, role, destination);
        return true;
    }
}
