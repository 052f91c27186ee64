namespace IdentityCenter.Cli;

/// <summary>The <c>identitycenter</c> command: dispatches to one command per verb.</summary>
public static class CliApp
{
    public const string Usage = """
        identitycenter: IdentityCenter command-line tools

        Usage:
          identitycenter <command> [options]

        Commands:
          help                 Show this help.

        Options:
          -h, --help           Show this help.
        """;

    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine(Usage);
            return Task.FromResult(args.Length == 0 ? 2 : 0);
        }

        stderr.WriteLine($"identitycenter: unknown command '{args[0]}'. Run 'identitycenter --help' for the list of commands.");
        return Task.FromResult(2);
    }
}
