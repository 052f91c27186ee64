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

    /// <summary>
    /// Signs a request with botocore (SigV4Auth, or S3SigV4Auth for <paramref name="service"/> <c>s3</c>; the query-string
    /// variants when <paramref name="presign"/>) at the time <paramref name="at"/>, with temporary credentials. Returns the
    /// URL as it would be sent (presigning adds the X-Amz-* parameters) and the header fields (Host first).
    /// </summary>
    public static (string Url, List<(string Name, string Value)> Headers) Sign(
        string service, string region, string method, string url, string accessKeyId, string secret, string? sessionToken, DateTimeOffset at,
        IEnumerable<(string Name, string Value)> headers, string body = "", bool presign = false, int expires = 300)
    {
        const string script = """
            import datetime, json, sys
            import botocore.auth as auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            from urllib.parse import urlsplit
            args = json.loads(sys.stdin.read())
            moment = datetime.datetime.strptime(args["at"], "%Y%m%dT%H%M%SZ")
            auth.get_current_datetime = lambda: moment
            request = AWSRequest(method=args["method"], url=args["url"], data=args["body"].encode() or None)
            for name, value in args["headers"]:
                request.headers[name] = value
            credentials = Credentials(args["key"], args["secret"], args["token"])
            s3 = args["service"] == "s3"
            if args["presign"]:
                cls = auth.S3SigV4QueryAuth if s3 else auth.SigV4QueryAuth
                signer = cls(credentials, args["service"], args["region"], expires=args["expires"])
            else:
                cls = auth.S3SigV4Auth if s3 else auth.SigV4Auth
                signer = cls(credentials, args["service"], args["region"])
            signer.add_auth(request)
            headers = [[k, v] for k, v in request.headers.items()]
            if not any(k.lower() == "host" for k, _ in headers):
                headers.insert(0, ["Host", urlsplit(request.url).netloc])
            print(json.dumps({"url": request.url, "headers": headers}))
            """;
        var input = JsonSerializer.Serialize(new
        {
            service,
            region,
            method,
            url,
            key = accessKeyId,
            secret,
            token = sessionToken,
            at = at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            headers = headers.Select(h => new[] { h.Name, h.Value }),
            body,
            presign,
            expires,
        });
        if (Run(script, [], input, out var output) != 0)
        {
            throw new InvalidOperationException(output);
        }

        using var signed = JsonDocument.Parse(output);
        var fields = signed.RootElement.GetProperty("headers").EnumerateArray().Select(h => (h[0].GetString()!, h[1].GetString()!)).ToList();
        return (signed.RootElement.GetProperty("url").GetString()!, fields);
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
