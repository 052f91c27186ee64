using IdentityCenter.Infrastructure.EnvironmentExport;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Cli;

/// <summary><c>identitycenter export [--format json|terraform] [--out FILE] [instance switches]</c>.</summary>
internal static class ExportCommand
{
    public static readonly string Usage = """
        identitycenter export: write the environment of an instance as one JSON document or as Terraform

        Usage:
          identitycenter export [--format json|terraform] [--out FILE] [--data-dir DIR | --database-provider NAME --connection-string TEXT]

        The JSON document (organization, SCPs/RCPs, customer managed policies, permission sets, users, groups,
        memberships, assignments; never a password, hash, authenticator secret, access key or token) imports into
        another instance with 'identitycenter import'. Terraform is for the AWS provider (see the README).

        Options:
          --format FORMAT             json (default) or terraform.
          --out FILE                  Write there instead of standard output.
        """ + InstanceSwitches.Help + """
          -h, --help                  Show this help.

        Exit status: 0 when written, 1 when the instance could not be opened or the file written, 2 on wrong usage.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var switches = new InstanceSwitches();
        var format = "json";
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--format" when i + 1 < args.Length && args[i + 1] is "json" or "terraform":
                    format = args[++i];
                    break;
                case "--format":
                    await stderr.WriteLineAsync("identitycenter export: --format takes json or terraform.").ConfigureAwait(false);
                    return 2;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    if (!switches.TryTake(args, ref i))
                    {
                        await stderr.WriteLineAsync($"identitycenter export: unexpected argument '{args[i]}'. Run 'identitycenter export --help'.").ConfigureAwait(false);
                        return 2;
                    }

                    break;
            }
        }

        var (instance, error) = await InstanceHost.OpenAsync(switches, "export").ConfigureAwait(false);
        if (instance is null)
        {
            await stderr.WriteLineAsync("identitycenter export: " + error).ConfigureAwait(false);
            return 1;
        }

        await using (instance.ConfigureAwait(false))
        {
            var text = format == "terraform"
                ? await instance.Services.GetRequiredService<ITerraformExporter>().ExportAsync().ConfigureAwait(false)
                : await instance.Services.GetRequiredService<IEnvironmentExportService>().ExportJsonAsync().ConfigureAwait(false);
            return await CliApp.WriteOutputAsync("export", output, text, stdout, stderr).ConfigureAwait(false);
        }
    }
}
