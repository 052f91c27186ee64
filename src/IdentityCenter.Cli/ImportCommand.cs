using IdentityCenter.Infrastructure.EnvironmentExport;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Cli;

/// <summary><c>identitycenter import FILE [--dry-run] [instance switches]</c>.</summary>
internal static class ImportCommand
{
    public static readonly string Usage = """
        identitycenter import: create the environment of an exported JSON document in an instance

        Usage:
          identitycenter import FILE [--dry-run] [--data-dir DIR | --database-provider NAME --connection-string TEXT]

        The whole document is checked first; nothing is written while any problem remains (each is printed with its
        JSON path and what to fix). Then everything is created in one database transaction, audited as the
        operating-system user, or nothing: should a step still be refused (or the process stop), nothing is written.
        Users, groups and OUs of the same name are reused; accounts, policies, permission sets and event templates
        must not exist yet. On success the created users and their
        one-time passwords are printed, tab separated, on standard output (each changes it at first sign-in).

        Options:
          FILE                        The document; "-" reads standard input.
          --dry-run                   Only check the document and list what would be created or reused.
        """ + InstanceSwitches.Help + """
          -h, --help                  Show this help.

        Exit status: 0 when imported (or, with --dry-run, valid), 1 when refused or the instance could not be opened,
        2 on wrong usage.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var switches = new InstanceSwitches();
        string? file = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--dry-run":
                    dryRun = true;
                    break;
                case var path when file is null && (path == "-" || !path.StartsWith("--", StringComparison.Ordinal)):
                    file = path;
                    break;
                default:
                    if (!switches.TryTake(args, ref i))
                    {
                        await stderr.WriteLineAsync($"identitycenter import: unexpected argument '{args[i]}'. Run 'identitycenter import --help'.").ConfigureAwait(false);
                        return 2;
                    }

                    break;
            }
        }

        if (file is null)
        {
            await stderr.WriteLineAsync("identitycenter import: the document to import is required (a file, or '-' for standard input). Run 'identitycenter import --help'.").ConfigureAwait(false);
            return 2;
        }

        var (json, readError) = await CliApp.ReadInputAsync(file, stdin).ConfigureAwait(false);
        if (json is null)
        {
            await stderr.WriteLineAsync("identitycenter import: " + readError).ConfigureAwait(false);
            return 1;
        }

        var (instance, error) = await InstanceHost.OpenAsync(switches, "import").ConfigureAwait(false);
        if (instance is null)
        {
            await stderr.WriteLineAsync("identitycenter import: " + error).ConfigureAwait(false);
            return 1;
        }

        await using (instance.ConfigureAwait(false))
        {
            var service = instance.Services.GetRequiredService<IEnvironmentExportService>();
            if (dryRun)
            {
                var preview = await service.PreviewAsync(json).ConfigureAwait(false);
                if (!preview.IsValid)
                {
                    return await RefusedAsync(preview.Errors, stderr).ConfigureAwait(false);
                }

                foreach (var item in preview.Items)
                {
                    await stdout.WriteLineAsync($"{(item.Action == EnvironmentImportAction.Create ? "create" : "reuse ")}\t{item.Kind}\t{item.Name}").ConfigureAwait(false);
                }

                return 0;
            }

            var progress = new Progress(stderr);
            var result = await service.ImportAsync(json, instance.Actor, progress).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return await RefusedAsync(result.Errors, stderr).ConfigureAwait(false);
            }

            await stdout.WriteLineAsync("UserName\tOneTimePassword").ConfigureAwait(false);
            foreach (var user in result.CreatedUsers)
            {
                await stdout.WriteLineAsync($"{user.UserName}\t{user.OneTimePassword}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync($"Imported: {result.Items.Count(i => i.Action == EnvironmentImportAction.Create)} created, {result.Items.Count(i => i.Action == EnvironmentImportAction.Reuse)} reused.").ConfigureAwait(false);
            return 0;
        }
    }

    private static async Task<int> RefusedAsync(IReadOnlyList<FieldError> errors, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"identitycenter import: nothing was imported: {errors.Count} problem(s).").ConfigureAwait(false);
        foreach (var e in errors)
        {
            await stderr.WriteLineAsync($"  {e.Field}: {e.Message}").ConfigureAwait(false);
        }

        return 1;
    }

    private sealed class Progress(TextWriter stderr) : IProgress<EnvironmentImportProgress>
    {
        public void Report(EnvironmentImportProgress value) => stderr.WriteLine($"[{value.Done}/{value.Total}] {value.Description}");
    }
}
