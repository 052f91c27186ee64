using System.Text;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// The reader on a real Kestrel host: requests signed by the official AWS SDK for .NET, by boto3, and
/// by botocore over a raw socket (paths no HTTP client would send unnormalised) must verify, with the
/// service mounted at <c>[base]/aws/&lt;service&gt;</c>, behind <c>UsePathBase</c> or a prefix-stripping proxy.
/// </summary>
public sealed class SigV4HttpRequestReaderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("/ic")]
    public async Task The_AWS_SDK_for_NET_signs_GetCallerIdentity_that_verifies(string? pathBase)
    {
        await using var host = await SigV4TestHost.StartAsync(pathBase);
        using var sts = Sts(host, pathBase, new BasicAWSCredentials(SigV4TestHost.AccessKeyId, SigV4TestHost.Secret));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("arn:aws:sts::111122223333:user/alice", identity.Arn);
        Assert.StartsWith((pathBase ?? string.Empty) + "/aws/sts", host.LastRequest!.RawPath, StringComparison.Ordinal);
        Assert.True(host.LastOutcome!.Value.Verification!.PayloadVerified);
    }

    [Fact]
    public async Task Session_credentials_verify_and_hand_the_token_to_the_lookup()
    {
        await using var host = await SigV4TestHost.StartAsync();
        using var sts = Sts(host, null, new SessionAWSCredentials(SigV4TestHost.TemporaryAccessKeyId, SigV4TestHost.TemporarySecret, SigV4TestHost.SessionToken));

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("arn:aws:sts::111122223333:assumed-role/Admin/alice", identity.Arn);
    }

    [Theory]
    [InlineData(SigV4TestHost.AccessKeyId, "wrong-secret", null, "SignatureDoesNotMatch")]
    [InlineData("AKIAUNKNOWNKEY000000", SigV4TestHost.Secret, null, "InvalidClientTokenId")]
    [InlineData(SigV4TestHost.TemporaryAccessKeyId, SigV4TestHost.TemporarySecret, "forged-token", "InvalidClientTokenId")]
    public async Task The_SDK_receives_the_AWS_error_code(string accessKeyId, string secret, string? token, string code)
    {
        await using var host = await SigV4TestHost.StartAsync();
        AWSCredentials credentials = token is null ? new BasicAWSCredentials(accessKeyId, secret) : new SessionAWSCredentials(accessKeyId, secret, token);
        using var sts = Sts(host, null, credentials);

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public async Task A_skewed_clock_is_refused_as_STS_does()
    {
        await using var host = await SigV4TestHost.StartAsync();
        host.ClockOffset = TimeSpan.FromMinutes(20);
        using var sts = Sts(host, null, new BasicAWSCredentials(SigV4TestHost.AccessKeyId, SigV4TestHost.Secret));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.StartsWith("Signature expired: ", error.Message, StringComparison.Ordinal);
    }

    [PythonTheory]
    [InlineData(null)]
    [InlineData("/ic")]
    public async Task Boto3_with_an_endpoint_URL_that_has_a_path_verifies(string? pathBase)
    {
        await using var host = await SigV4TestHost.StartAsync(pathBase);
        const string script = """
            import boto3, sys
            from botocore.exceptions import ClientError
            sts = boto3.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
            try:
                print(sts.get_caller_identity()["Arn"])
            except ClientError as e:
                print(e.response["Error"]["Code"])
            """;
        var endpoint = host.BaseUrl + pathBase + "/aws/sts";

        Assert.Equal(0, Python.Run(script, [endpoint, SigV4TestHost.AccessKeyId, SigV4TestHost.Secret], null, out var arn));
        Assert.Equal(0, Python.Run(script, [endpoint, SigV4TestHost.AccessKeyId, "wrong"], null, out var code));

        Assert.Equal("arn:aws:sts::111122223333:user/alice", arn.Trim());
        Assert.Equal("SignatureDoesNotMatch", code.Trim());
    }

    [PythonTheory]
    [InlineData("/aws/svc//a/./b/../c%2Fd%20e/%E1%88%B4", "x=1&y=%C3%A9")]
    [InlineData("/aws/svc/-._~/%21%27%28%29%2A", "a=%2F%3D&a=%20")]
    [InlineData("/aws/svc/", "")]
    public async Task Raw_paths_are_verified_as_sent_not_as_Kestrel_normalises_them(string path, string query)
    {
        await using var host = await SigV4TestHost.StartAsync();
        var target = query.Length == 0 ? path : path + "?" + query;
        var headers = Python.SignHeaders("svc", "GET", host.BaseUrl + target, SigV4TestHost.AccessKeyId, SigV4TestHost.Secret, [("My-Header", "a"), ("My-Header", "b  c")]);

        var (status, body) = await host.SendRawAsync(Http("GET", target, headers));

        Assert.True(status == 200, body);
        Assert.Equal(path, host.LastRequest!.RawPath);
        // The query as sent, handed over with its separating '?' (the host's own string, not a copy).
        Assert.Equal(query.Length == 0 ? "" : "?" + query, host.LastRequest.RawQuery);
    }

    [PythonFact]
    public async Task A_path_base_removed_by_a_proxy_is_put_back()
    {
        await using var host = await SigV4TestHost.StartAsync(forwardedPrefix: true);
        var headers = Python.SignHeaders("svc", "GET", host.BaseUrl + "/ic/aws/svc/roles?account_id=1", SigV4TestHost.AccessKeyId, SigV4TestHost.Secret, []);
        headers.Add(("X-Forwarded-Prefix", "/ic"));

        var (status, body) = await host.SendRawAsync(Http("GET", "/aws/svc/roles?account_id=1", headers));

        Assert.True(status == 200, body);
        Assert.Equal("/ic/aws/svc/roles", host.LastRequest!.RawPath);
    }

    [PythonFact]
    public async Task The_body_is_hashed_and_still_readable_by_the_endpoint()
    {
        await using var host = await SigV4TestHost.StartAsync();
        const string form = "Action=GetCallerIdentity&Version=2011-06-15";
        var headers = Python.SignHeaders("svc", "POST", host.BaseUrl + "/aws/svc/", SigV4TestHost.AccessKeyId, SigV4TestHost.Secret, [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], form);

        var (status, body) = await host.SendRawAsync(Http("POST", "/aws/svc/", headers, form));
        var (tamperedStatus, tampered) = await host.SendRawAsync(Http("POST", "/aws/svc/", headers, form.Replace("2011", "2012", StringComparison.Ordinal)));

        Assert.True(status == 200, body);
        Assert.Equal(form, SigV4TestHost.Json(body).GetProperty("bodyAfterVerification").GetString());
        Assert.Equal(403, tamperedStatus);
        Assert.Equal("SignatureDoesNotMatch", SigV4TestHost.Json(tampered).GetProperty("code").GetString());
    }

    [PythonFact]
    public async Task A_body_over_the_limit_is_refused_before_verification()
    {
        await using var host = await SigV4TestHost.StartAsync();
        host.MaxBodyBytes = 16;
        var form = new string('a', 17);
        var headers = Python.SignHeaders("svc", "POST", host.BaseUrl + "/aws/svc/", SigV4TestHost.AccessKeyId, SigV4TestHost.Secret, [], form);

        var (status, _) = await host.SendRawAsync(Http("POST", "/aws/svc/", headers, form));

        Assert.Equal(413, status);
        Assert.Null(host.LastRequest);
    }

    [Fact]
    public async Task A_request_without_authentication_is_MissingAuthenticationToken()
    {
        await using var host = await SigV4TestHost.StartAsync();

        var (status, body) = await host.SendRawAsync(Http("GET", "/aws/svc/", [("Host", "localhost")]));

        Assert.Equal(403, status);
        Assert.Equal("MissingAuthenticationToken", SigV4TestHost.Json(body).GetProperty("code").GetString());
        Assert.Equal(SigV4ErrorReason.MissingAuthentication, host.LastOutcome!.Value.Error!.Reason);
    }

    private static AmazonSecurityTokenServiceClient Sts(SigV4TestHost host, string? pathBase, AWSCredentials credentials) => new(
        credentials,
        new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = host.BaseUrl + pathBase + "/aws/sts",
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    private static string Http(string method, string target, IEnumerable<(string Name, string Value)> headers, string body = "")
    {
        var text = new StringBuilder().Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("Content-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\nConnection: close\r\n\r\n").Append(body);
        return text.ToString();
    }
}
