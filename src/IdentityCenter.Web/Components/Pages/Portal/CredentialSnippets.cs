using IdentityCenter.Core.Credentials;

namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>The shells the access keys dialog has tabs for.</summary>
public enum CredentialShell
{
    Posix,
    WindowsCmd,
    PowerShell,
}

/// <summary>The text of the access keys dialog's options, per shell, as the AWS access portal writes it.</summary>
public static class CredentialSnippets
{
    public static string EnvironmentVariables(CredentialShell shell, RoleCredentials c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return shell switch
        {
            CredentialShell.WindowsCmd =>
                $"set AWS_ACCESS_KEY_ID={c.AccessKeyId}\nset AWS_SECRET_ACCESS_KEY={c.SecretAccessKey}\nset AWS_SESSION_TOKEN={c.SessionToken}",
            CredentialShell.PowerShell =>
                $"$Env:AWS_ACCESS_KEY_ID=\"{c.AccessKeyId}\"\n$Env:AWS_SECRET_ACCESS_KEY=\"{c.SecretAccessKey}\"\n$Env:AWS_SESSION_TOKEN=\"{c.SessionToken}\"",
            _ =>
                $"export AWS_ACCESS_KEY_ID=\"{c.AccessKeyId}\"\nexport AWS_SECRET_ACCESS_KEY=\"{c.SecretAccessKey}\"\nexport AWS_SESSION_TOKEN=\"{c.SessionToken}\"",
        };
    }

    /// <summary>The profile name the portal suggests: <c>&lt;account id&gt;_&lt;role name&gt;</c>.</summary>
    public static string ProfileName(string accountId, string roleName) => $"{accountId}_{roleName}";

    public static string ProfileBlock(string accountId, string roleName, RoleCredentials c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return $"[{ProfileName(accountId, roleName)}]\naws_access_key_id={c.AccessKeyId}\naws_secret_access_key={c.SecretAccessKey}\naws_session_token={c.SessionToken}";
    }

    public static string CredentialsFile(CredentialShell shell) => shell switch
    {
        CredentialShell.Posix => "~/.aws/credentials",
        _ => "%USERPROFILE%\\.aws\\credentials",
    };

    /// <summary>"59m 58s", "1h 00m 00s"; "expired" at or past zero.</summary>
    public static string Countdown(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return "expired";
        }

        var seconds = (long)Math.Ceiling(remaining.TotalSeconds);
        var h = seconds / 3600;
        var m = seconds / 60 % 60;
        var s = seconds % 60;
        return h > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{h}h {m:00}m {s:00}s")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m}m {s:00}s");
    }
}
