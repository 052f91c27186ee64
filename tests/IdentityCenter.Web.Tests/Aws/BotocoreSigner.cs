using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>Runs Python with botocore/boto3 (AWS's own SDK) for the over-the-wire tests; tests skip when it is missing.</summary>
internal static class Python
{
    public const string MissingReason =
        "Python's boto3/botocore (AWS's SDK, the oracle for these tests) is not installed: ./test.sh installs Debian's python3-boto3 as root, or run 'apt-get install python3-boto3'.";

    private static readonly Lazy<bool> IsAvailable = new(() => Run("import boto3, botocore", [], null, out _) == 0);

    public static bool Available => IsAvailable.Value;

    /// <summary>
    /// Signs a request with botocore's SigV4Auth (region us-east-1) and returns the header fields to send
    /// (Host first, Authorization last).
    /// </summary>
    public static List<(string Name, string Value)> SignHeaders(string service, string method, string url, string accessKeyId, string secret, IEnumerable<(string Name, string Value)> headers, string body = "")
    {
        const string script = """
            import json, sys
            from botocore.auth import SigV4Auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            from urllib.parse import urlsplit
            args = json.loads(sys.stdin.read())
            request = AWSRequest(method=args["method"], url=args["url"], data=args["body"].encode() or None)
            for name, value in args["headers"]:
                request.headers[name] = value
            SigV4Auth(Credentials(args["key"], args["secret"]), args["service"], "us-east-1").add_auth(request)
            print(json.dumps([["Host", urlsplit(args["url"]).netloc]] + [[k, v] for k, v in request.headers.items()]))
            """;
        var input = JsonSerializer.Serialize(new { service, method, url, key = accessKeyId, secret, headers = headers.Select(h => new[] { h.Name, h.Value }), body });
        if (Run(script, [], input, out var output) != 0)
        {
            throw new InvalidOperationException(output);
        }

        return [.. JsonSerializer.Deserialize<string[][]>(output)!.Select(h => (h[0], h[1]))];
    }

    /// <summary>Runs a Python snippet with arguments and optional stdin; returns the exit code and stdout (stderr on failure).</summary>
    public static int Run(string script, IEnumerable<string> arguments, string? stdin, out string output)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
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

internal sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (!Python.Available)
        {
            Skip = Python.MissingReason;
        }
    }
}

internal sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute()
    {
        if (!Python.Available)
        {
            Skip = Python.MissingReason;
        }
    }
}
