using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Hosting;

/// <summary>
/// <c>--workshop</c> turns workshop mode on (<c>IdentityCenter:Workshop:Enabled</c>, with time travel) and seeds the demo
/// organization (accounts, OUs, SCPs, permission sets, demo users and assignments, demo S3 buckets) when it is not there
/// yet; <c>--workshop-reset</c> removes the demo data and seeds it again.
/// </summary>
internal static class WorkshopSwitch
{
    public enum Mode
    {
        None,
        Seed,
        Reset,
    }

    /// <summary>Removes the switch from the arguments (the configuration parser wants a value after every switch).</summary>
    public static Mode Take(ref string[] args)
    {
        var mode = args.Contains("--workshop-reset", StringComparer.OrdinalIgnoreCase) ? Mode.Reset
            : args.Contains("--workshop", StringComparer.OrdinalIgnoreCase) ? Mode.Seed
            : Mode.None;
        args = args.Where(a => !a.Equals("--workshop", StringComparison.OrdinalIgnoreCase) && !a.Equals("--workshop-reset", StringComparison.OrdinalIgnoreCase)).ToArray();
        return mode;
    }

    /// <summary>With either switch, workshop mode is on for this run (as <c>IdentityCenter:Workshop:Enabled=true</c>).</summary>
    public static void Configure(IHostApplicationBuilder builder, Mode mode)
    {
        if (mode != Mode.None)
        {
            builder.Configuration.AddInMemoryCollection([new("IdentityCenter:Workshop:Enabled", "true")]);
        }
    }

    public static async Task<bool> SeedAsync(WebApplication app, Mode mode)
    {
        Console.WriteLine(mode == Mode.Reset ? "Seeding the workshop organization afresh…" : "Seeding the workshop organization…");
        var result = await app.Services.SeedIdentityCenterWorkshopAsync(reset: mode == Mode.Reset);
        if (result.Succeeded)
        {
            var seeded = result.Value!;
            if (seeded.RedoneAfterInterruption)
            {
                Console.WriteLine("An earlier seed had stopped half-way: its partial demo data was removed and the organization seeded again.");
            }

            Console.WriteLine($"Workshop organization {seeded.OrganizationId}: {seeded.Accounts} accounts, {seeded.PermissionSets} permission sets, {seeded.Assignments} assignments, {seeded.Buckets} S3 buckets.");
            Console.WriteLine($"Demo users (password {AccessModelServiceCollectionExtensions.WorkshopSeederPassword}): {string.Join(", ", seeded.Users.Select(u => u.UserName))}");
            return true;
        }

        // Conflict means only "already seeded" (a seed step that fails is a validation failure, reported below).
        if (result.ErrorKind == IdentityCenter.Core.Directory.OperationErrorKind.Conflict && mode == Mode.Seed)
        {
            Console.WriteLine("Workshop demo data is already there (use --workshop-reset to start it afresh).");
            return true;
        }

        Console.Error.WriteLine($"The workshop demo data could not be seeded: {result.Summary}");
        return false;
    }
}
