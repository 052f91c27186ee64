using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Cli;

/// <summary><c>identitycenter validate-policy FILE [--kind managed|inline|scp|rcp|resource|session]</c>.</summary>
internal static class ValidatePolicyCommand
{
    public const string Usage = """
        identitycenter validate-policy: check an IAM policy document

        Usage:
          identitycenter validate-policy FILE [--kind managed|inline|scp|rcp|resource|session]

        Prints one line per finding: FILE:LINE:COLUMN: severity CODE at JSON-PATH: message.
        Severities are error (AWS would reject the policy), warning and suggestion.

        Options:
          FILE           Policy JSON file; "-" reads standard input.
          --kind KIND    What the policy is used as (default managed): decides the size limit and
                         whether Principal is required (resource) or forbidden (managed, inline, scp).
          -h, --help     Show this help.

        Exit status: 0 when there are no errors, 1 when there are errors, 2 on wrong usage or an
        unreadable file.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        string? file = null;
        var kind = PolicyKind.Managed;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--kind" when i + 1 < args.Length:
                    var parsedKind = ParseKind(args[++i]);
                    if (parsedKind is null)
                    {
                        await stderr.WriteLineAsync($"identitycenter validate-policy: unknown kind '{args[i]}'. Use managed, inline, scp, rcp, resource or session.").ConfigureAwait(false);
                        return 2;
                    }

                    kind = parsedKind.Value;
                    break;
                default:
                    if (file is null && (args[i] == "-" || !args[i].StartsWith('-')))
                    {
                        file = args[i];
                        break;
                    }

                    await stderr.WriteLineAsync($"identitycenter validate-policy: unexpected argument '{args[i]}'. Run 'identitycenter validate-policy --help'.").ConfigureAwait(false);
                    return 2;
            }
        }

        if (file is null)
        {
            await stderr.WriteLineAsync("identitycenter validate-policy: give the policy FILE (or '-' for standard input). Run 'identitycenter validate-policy --help'.").ConfigureAwait(false);
            return 2;
        }

        var (text, error) = await CliApp.ReadInputAsync(file, stdin).ConfigureAwait(false);
        if (text is null)
        {
            await stderr.WriteLineAsync("identitycenter validate-policy: " + error).ConfigureAwait(false);
            return 2;
        }

        var result = PolicyParser.Parse(text, kind);
        var name = file == "-" ? "<stdin>" : file;
        foreach (var finding in result.Findings)
        {
            await stdout.WriteLineAsync($"{name}:{finding.Line}:{finding.Column}: {finding.Severity.ToString().ToLowerInvariant()} {finding.Code} at {finding.Path}: {finding.Message}").ConfigureAwait(false);
        }

        var errors = result.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = result.Findings.Count(f => f.Severity == FindingSeverity.Warning);
        var suggestions = result.Findings.Count - errors - warnings;
        await stdout.WriteLineAsync($"{name}: {errors} error(s), {warnings} warning(s), {suggestions} suggestion(s)").ConfigureAwait(false);
        return result.HasErrors ? 1 : 0;
    }

    private static PolicyKind? ParseKind(string text) => text.ToLowerInvariant() switch
    {
        "managed" or "boundary" or "identity" => PolicyKind.Managed,
        "inline" => PolicyKind.Inline,
        "scp" => PolicyKind.Scp,
        "rcp" => PolicyKind.Rcp,
        "resource" => PolicyKind.Resource,
        "session" => PolicyKind.Session,
        _ => null,
    };
}
