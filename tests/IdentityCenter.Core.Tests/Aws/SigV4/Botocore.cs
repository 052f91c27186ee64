using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IdentityCenter.Core.Tests.Aws.SigV4;

/// <summary>
/// AWS's own Python signer (botocore, shipped with the machine's Python) as an independent oracle:
/// test cases are signed by it at test time, never by our code.
/// </summary>
internal static class Botocore
{
    public const string MissingReason =
        "Python's botocore (AWS's signer, the oracle for these tests) is not installed: ./test.sh installs Debian's python3-botocore as root, or run 'apt-get install python3-botocore'.";

    private static readonly Lazy<bool> IsAvailable = new(() => Run("-c \"import botocore\"", null, out _) == 0);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static bool Available => IsAvailable.Value;

    /// <summary>Signs every case in one Python process.</summary>
    public static IReadOnlyDictionary<string, BotocoreSigned> Sign(IEnumerable<BotocoreCase> cases)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Aws", "SigV4", "botocore_sign.py");
        var input = JsonSerializer.Serialize(cases, Json);
        var exit = Run($"\"{script}\"", input, out var output);
        if (exit != 0)
        {
            throw new InvalidOperationException($"botocore_sign.py exited with {exit}: {output}");
        }

        return JsonSerializer.Deserialize<List<BotocoreSigned>>(output, Json)!.ToDictionary(s => s.Id);
    }

    private static int Run(string arguments, string? stdin, out string output)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardInputEncoding = new UTF8Encoding(false),
            })!;
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
            }

            process.StandardInput.Close();
            output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                output += stderr.Result;
            }

            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            output = e.Message;
            return -1;
        }
    }
}

/// <summary>A request for botocore to sign (see botocore_sign.py for the fields).</summary>
internal sealed record BotocoreCase(string Id, string Method, string Url, string[][] Headers, string Service, string Region, string Timestamp, string Mode)
{
    public string AccessKey { get; init; } = SigV4TestData.AccessKeyId;

    public string SecretKey { get; init; } = SigV4TestData.Secret;

    public string? Body { get; init; }

    public string? Token { get; init; }

    public bool S3 { get; init; }

    public bool UnsignedPayload { get; init; }

    public bool TokenAfterSigning { get; init; }

    public int Expires { get; init; } = 3600;
}

/// <summary>What botocore produced: the request as it would be sent, and what it signed.</summary>
internal sealed record BotocoreSigned(string Id, string Method, string Url, string[][] Headers, string CanonicalRequest, string StringToSign);

/// <summary>A fact that needs botocore; skipped with the reason when it is missing.</summary>
internal sealed class BotocoreFactAttribute : FactAttribute
{
    public BotocoreFactAttribute()
    {
        if (!Botocore.Available)
        {
            Skip = Botocore.MissingReason;
        }
    }
}

/// <summary>A theory that needs botocore; skipped with the reason when it is missing.</summary>
internal sealed class BotocoreTheoryAttribute : TheoryAttribute
{
    public BotocoreTheoryAttribute()
    {
        if (!Botocore.Available)
        {
            Skip = Botocore.MissingReason;
        }
    }
}
