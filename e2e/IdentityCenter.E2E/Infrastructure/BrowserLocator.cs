namespace IdentityCenter.E2E.Infrastructure;

/// <summary>Finds the Chromium to drive: the environment's choice, then Debian's, then Playwright's own.</summary>
public static class BrowserLocator
{
    public const string EnvironmentVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>The executable path, or null to let Playwright use a browser it installed itself.</summary>
    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"{EnvironmentVariable} points at '{configured}', which does not exist.", configured);
        }

        return File.Exists(DebianChromium) ? DebianChromium : null;
    }

    /// <summary>Flags for headless Chromium as root on a machine with no outside network.</summary>
    public static readonly string[] LaunchArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];
}
