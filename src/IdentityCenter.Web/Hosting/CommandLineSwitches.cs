namespace IdentityCenter.Web.Hosting;

/// <summary>Short command-line switches for the most common settings.</summary>
internal static class CommandLineSwitches
{
    public static readonly Dictionary<string, string> Mappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--data-dir"] = "IdentityCenter:DataDirectory",
    };
}
