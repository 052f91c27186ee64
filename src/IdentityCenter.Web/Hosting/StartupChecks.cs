using System.Data.Common;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;

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

    /// <summary>
    /// Brings the database up to date (see <see cref="DatabaseInitializer"/>); when that is impossible,
    /// says why in one message without a stack trace and returns false.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(WebApplication app)
    {
        try
        {
            await app.Services.InitializeDatabaseAsync();
            return true;
        }
        catch (Exception e) when (e is DatabaseStartupException or DbException)
        {
            var why = e is DatabaseStartupException ? e.Message : $"the database could not be opened or migrated: {e.Message}";
            Console.Error.WriteLine($"IdentityCenter cannot start: {why}");
            return false;
        }
    }
}
