using IdentityCenter.Infrastructure.Configuration;

namespace IdentityCenter.Web.Hosting;

/// <summary>Stops start-up with one message that lists every configuration problem and how to fix it.</summary>
internal static class StartupChecks
{
    public static bool Pass(WebApplication app)
    {
        var problems = IdentityCenterOptionsValidator.FindProblems(app.Configuration, app.Environment.ContentRootPath);
        if (problems.Count == 0)
        {
            return true;
        }

        var message = $"IdentityCenter cannot start: {problems.Count} configuration problem(s).{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => "  - " + p))
            + $"{Environment.NewLine}Settings come from appsettings.json, environment variables (IdentityCenter__Name) and the command line (--IdentityCenter:Name=value, --data-dir).";
        Console.Error.WriteLine(message);
        return false;
    }
}
