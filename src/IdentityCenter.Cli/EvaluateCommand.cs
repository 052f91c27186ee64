using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Cli;

/// <summary><c>identitycenter evaluate --cases FILE.jsonl [--out FILE] [--explain] [--repeat N]</c>.</summary>
internal static class EvaluateCommand
{
    public const string Usage = """
        identitycenter evaluate: answer authorization questions in batch

        Usage:
          identitycenter evaluate --cases FILE.jsonl [--out RESULTS.jsonl] [--explain] [--repeat N]

        Each input line is {"id", "request", "policies"} (shared/spec/evaluation-cases.md). Each output
        line is {"id", "decision"} with decision Allow | ExplicitDeny | ImplicitDeny | Error, in input
        order. A malformed line gives "decision":"Error" with an "error" message and the run goes on.

        Options:
          --cases FILE   Case file; "-" reads standard input.
          --out FILE     Write results there instead of standard output; "-" is standard output.
          --explain      Add an "explain" object: deciding policy type, steps, statements, missing keys.
          --repeat N     Benchmark: after a warm-up, evaluate every valid case N times on one thread
                         and print "<number> decisions/s" (results are written only with --out).
          -h, --help     Show this help.

        Exit status: 0 when the file was read (even with Error lines), 1 when it could not be read,
        2 on wrong usage.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        string? cases = null;
        string? output = null;
        var explain = false;
        var repeat = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "--cases" when i + 1 < args.Length:
                    cases = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--explain":
                    explain = true;
                    break;
                case "--repeat" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat < 1)
                    {
                        await stderr.WriteLineAsync($"identitycenter evaluate: --repeat needs a positive whole number, not '{args[i]}'.").ConfigureAwait(false);
                        return 2;
                    }

                    break;
                default:
                    await stderr.WriteLineAsync($"identitycenter evaluate: unexpected argument '{args[i]}'. Run 'identitycenter evaluate --help'.").ConfigureAwait(false);
                    return 2;
            }
        }

        if (cases is null)
        {
            await stderr.WriteLineAsync("identitycenter evaluate: --cases FILE.jsonl is required (use '-' for standard input). Run 'identitycenter evaluate --help'.").ConfigureAwait(false);
            return 2;
        }

        var (text, error) = await CliApp.ReadInputAsync(cases, stdin).ConfigureAwait(false);
        if (text is null)
        {
            await stderr.WriteLineAsync("identitycenter evaluate: " + error).ConfigureAwait(false);
            return 1;
        }

        var parsed = new List<EvaluationCase>();
        var lineNumber = 0;
        using var lines = new StringReader(text);
        while (await lines.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var @case = EvaluationCase.Parse(line);
            if (@case.Error is not null)
            {
                @case = @case with { Error = $"line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {@case.Error}" };
            }

            parsed.Add(@case);
        }

        if (repeat > 0)
        {
            var rate = Benchmark(parsed, repeat);
            await stdout.WriteLineAsync(rate.ToString("F0", CultureInfo.InvariantCulture) + " decisions/s").ConfigureAwait(false);
            if (output is null)
            {
                return 0;
            }
        }

        var results = new StringBuilder();
        foreach (var @case in parsed)
        {
            string line;
            try
            {
                line = FormatResult(@case, explain);
            }
            catch (ArgumentException ex)
            {
                // Text that cannot be written as JSON (e.g. an unpaired surrogate in a policy Id) must not stop the run.
                line = FormatResult(@case with { Request = null, Error = "the result could not be written: " + ex.Message }, explain: false);
            }

            results.Append(line).Append('\n');
        }

        if (output is null or "-")
        {
            await stdout.WriteAsync(results.ToString()).ConfigureAwait(false);
            await stdout.FlushAsync().ConfigureAwait(false);
            return 0;
        }

        try
        {
            await File.WriteAllTextAsync(output, results.ToString()).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"identitycenter evaluate: cannot write '{output}': {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>Single-threaded decisions per second over every valid case, after a warm-up.</summary>
    internal static double Benchmark(IReadOnlyList<EvaluationCase> cases, int repeat)
    {
        var valid = cases.Where(c => c.Request is not null && c.Policies is not null).ToArray();
        if (valid.Length == 0)
        {
            return 0;
        }

        var requests = valid.Select(c => c.Request!).ToArray();
        var sets = valid.Select(c => c.Policies!).ToArray();
        var sink = 0;

        // Warm-up: enough passes for tiered JIT to settle on optimised code.
        var warmup = Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 500)
        {
            for (var i = 0; i < requests.Length; i++)
            {
                sink += (int)PolicyEvaluator.Evaluate(requests[i], sets[i]).Decision;
            }
        }

        var watch = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            for (var i = 0; i < requests.Length; i++)
            {
                sink += (int)PolicyEvaluator.Evaluate(requests[i], sets[i]).Decision;
            }
        }

        watch.Stop();
        GC.KeepAlive(sink);
        var decisions = (double)repeat * requests.Length;
        return decisions / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
    }

    // Utf8JsonWriter rejects unpaired surrogates; round-tripping through UTF-8 replaces them with U+FFFD.
    private static string Safe(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

    internal static string FormatResult(EvaluationCase @case, bool explain)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (@case.Id is null)
            {
                writer.WriteNull("id");
            }
            else
            {
                writer.WriteString("id", Safe(@case.Id));
            }

            if (@case.Error is not null || @case.Request is null || @case.Policies is null)
            {
                writer.WriteString("decision", "Error");
                writer.WriteString("error", Safe(@case.Error ?? "the case could not be read"));
            }
            else
            {
                var result = PolicyEvaluator.Evaluate(@case.Request, @case.Policies, explain);
                writer.WriteString("decision", result.Decision.ToString());
                if (explain && result.Explanation is { } explanation)
                {
                    writer.WritePropertyName("explain");
                    ExplanationJson.Write(writer, explanation);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
