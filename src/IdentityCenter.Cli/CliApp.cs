namespace IdentityCenter.Cli;

/// <summary>The <c>identitycenter</c> command: dispatches to one command per verb.</summary>
public static class CliApp
{
    public const string Usage = """
        identitycenter: IdentityCenter command-line tools

        Usage:
          identitycenter <command> [options]

        Commands:
          evaluate          Answer authorization questions from a JSONL case file.
          validate-policy   Check an IAM policy document and print positioned findings.
          export            Write an instance's environment as JSON or Terraform.
          import            Create an exported environment in an instance (all or nothing).
          event             Workshop events: create, cards, end.
          help              Show this help.

        Options:
          -h, --help        Show this help (also after a command: identitycenter evaluate --help).
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "evaluate":
                return await EvaluateCommand.RunAsync(rest, stdin, stdout, stderr).ConfigureAwait(false);
            case "validate-policy":
                return await ValidatePolicyCommand.RunAsync(rest, stdin, stdout, stderr).ConfigureAwait(false);
            case "export":
                return await ExportCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case "import":
                return await ImportCommand.RunAsync(rest, stdin, stdout, stderr).ConfigureAwait(false);
            case "event":
                return await EventCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync($"identitycenter: unknown command '{args[0]}'. Run 'identitycenter --help' for the list of commands.").ConfigureAwait(false);
                return 2;
        }
    }

    /// <summary>Reads a whole input: a file path, or "-" for standard input. Returns null with a message on failure.</summary>
    internal static async Task<(string? Text, string? Error)> ReadInputAsync(string path, TextReader stdin)
    {
        if (path == "-")
        {
            return (await stdin.ReadToEndAsync().ConfigureAwait(false), null);
        }

        try
        {
            return (await File.ReadAllTextAsync(path).ConfigureAwait(false), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>Writes a command's result to a file, or with null or "-" to standard output; 1 with a message when the file cannot be written.</summary>
    internal static async Task<int> WriteOutputAsync(string command, string? path, string text, TextWriter stdout, TextWriter stderr)
    {
        if (path is null or "-")
        {
            await stdout.WriteAsync(text).ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
            return 0;
        }

        try
        {
            await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"identitycenter {command}: cannot write '{path}': {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
