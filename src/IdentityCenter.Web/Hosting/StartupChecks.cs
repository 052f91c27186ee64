using IdentityCenter.Infrastructure.Hosting;

namespace IdentityCenter.Web.Hosting;

/// <summary>Stops start-up with one message that lists every configuration problem and how to fix it.</summary>
internal static class StartupChecks
{
    public static bool Pass(WebApplication app)
    {
        var problems = InstancePreparation.FindConfigurationProblems(app.Configuration, app.Environment.ContentRootPath);
        if (problems is null)
        {
            return true;
        }

        Console.Error.WriteLine(problems);
        return false;
    }

    /// <summary>
    /// Brings the database up to date (see <see cref="InstancePreparation.PrepareDatabaseAsync"/>); when that is impossible,
    /// says why in one message without a stack trace and returns false.
    /// </summary>
    public static async Task<bool> PrepareDatabaseAsync(WebApplication app)
    {
        var problem = await InstancePreparation.PrepareDatabaseAsync(app.Services);
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
        }

        return problem is null;
    }
}
