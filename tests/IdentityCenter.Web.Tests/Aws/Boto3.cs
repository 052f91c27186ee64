using System.Text.Json;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// Drives the administrative APIs (identitystore, sso-admin, organizations) with boto3, AWS's SDK for Python, as an
/// unmodified client pointed at the test host: one operation (<see cref="Call"/>) or a scenario of many calls in one
/// Python process (<see cref="Script"/>; starting Python and importing boto3 costs about half a second, so tests that make
/// many calls run them in one script).
/// </summary>
internal static class Boto3
{
    private const string Prelude = """
        import json, sys, boto3
        from botocore.config import Config
        from botocore.exceptions import ClientError
        _a = json.loads(sys.stdin.read())
        args = _a["args"]
        client = boto3.client(_a["service"], endpoint_url=_a["url"], region_name=_a["region"], aws_access_key_id=_a["key"],
                              aws_secret_access_key=_a["secret"], config=Config(retries={"total_max_attempts": 1}))
        def call(op, **params):
            try:
                r = getattr(client, op)(**params)
                r.pop("ResponseMetadata", None)
                return {"ok": json.loads(json.dumps(r, default=str))}
            except ClientError as e:
                return {"code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message", ""),
                        "status": e.response["ResponseMetadata"]["HTTPStatusCode"],
                        "errorType": e.response["ResponseMetadata"].get("HTTPHeaders", {}).get("x-amzn-errortype")}

        """;

    /// <summary>
    /// One call: <c>{"ok": output}</c> (ResponseMetadata removed, dates as strings), or
    /// <c>{"code", "message", "status", "errorType"}</c> for an error (botocore's reading of it).
    /// </summary>
    public static JsonElement Call(string service, string url, string operation, object parameters, string key, string secret, string region = "us-east-1") =>
        Script(service, url, key, secret, "print(json.dumps(call(args['op'], **args['params'])))", new { op = operation, @params = parameters }, region);

    /// <summary>
    /// Runs <paramref name="body"/> after a prelude that defines <c>client</c> (the boto3 client), <c>call(op, **params)</c>
    /// (answers as <see cref="Call"/>) and <c>args</c> (<paramref name="arguments"/>); the body prints one JSON document,
    /// which is returned.
    /// </summary>
    public static JsonElement Script(string service, string url, string key, string secret, string body, object? arguments = null, string region = "us-east-1")
    {
        var input = JsonSerializer.Serialize(new { service, url, region, key, secret, args = arguments ?? new { } });
        Assert.True(Python.Run(Prelude + body, [], input, out var output) == 0, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Asserts that <paramref name="result"/> is the error <paramref name="code"/> (read from <c>__type</c> and <c>x-amzn-ErrorType</c> alike); returns its message.</summary>
    public static string AssertError(JsonElement result, string code)
    {
        Assert.True(result.TryGetProperty("code", out var actual), $"expected {code}, got {result}");
        Assert.Equal(code, actual.GetString());
        Assert.Equal(code, result.GetProperty("errorType").GetString()?.Split(':')[0]);
        return result.GetProperty("message").GetString() ?? "";
    }

    /// <summary>The output of a successful call (fails the test with the error otherwise).</summary>
    public static JsonElement Ok(JsonElement result)
    {
        Assert.True(result.TryGetProperty("ok", out var output), $"expected success, got {result}");
        return output;
    }
}
