using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Web.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Web.Tests.Aws;

/// <summary>
/// A test-only Kestrel host that verifies every request under <c>[pathBase]/aws/&lt;service&gt;/…</c> with
/// the real reader and verifier, and answers as the service would: STS's GetCallerIdentity XML (so the
/// AWS SDK clients complete) or its XML error; a JSON echo with <c>x-amzn-ErrorType</c> otherwise.
/// </summary>
internal sealed class SigV4TestHost : IAsyncDisposable
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string TemporaryAccessKeyId = "ASIAIOSFODNN7EXAMPLE";
    public const string TemporarySecret = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    public const string SessionToken = "FwoGZXIvYXdzEXAMPLE//////////session+token/with=chars";

    private readonly WebApplication _app;
    private readonly SigV4Verifier _verifier = new();

    private SigV4TestHost(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>Added to the real clock, to test skew and expiry against clients that sign "now".</summary>
    public TimeSpan ClockOffset { get; set; }

    public long MaxBodyBytes { get; set; } = 1024;

    /// <summary>The last request the verifier saw and what it decided.</summary>
    public SigV4Request? LastRequest { get; private set; }

    public SigV4Outcome<string>? LastOutcome { get; private set; }

    public static async Task<SigV4TestHost> StartAsync(string? pathBase = null, bool forwardedPrefix = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        SigV4TestHost? host = null;
        if (forwardedPrefix)
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedPrefix };
            options.KnownProxies.Add(IPAddress.Loopback);
            app.UseForwardedHeaders(options);
        }

        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }

        app.Run(context => host!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new SigV4TestHost(app, address.TrimEnd('/'));
        return host;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "aws")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var service = segments[1];
        var dialect = service == "s3" ? SigV4Dialect.S3 : SigV4Dialect.Standard;
        var read = await SigV4HttpRequestReader.ReadAsync(context.Request, dialect, MaxBodyBytes, context.RequestAborted);
        if (read.Request is not { } request)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        LastRequest = request;
        var policy = new SigV4ServicePolicy(service, ["us-east-1"], dialect);
        var outcome = _verifier.Verify(request, policy, DateTimeOffset.UtcNow + ClockOffset, Lookup);
        LastOutcome = outcome;
        if (service == "sts")
        {
            await WriteStsAsync(context, outcome);
            return;
        }

        context.Response.StatusCode = outcome.Error?.StatusCode ?? 200;
        if (outcome.Error is { } error)
        {
            context.Response.Headers["x-amzn-ErrorType"] = error.Code;
        }

        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            code = outcome.Error?.Code,
            message = outcome.Error?.Message,
            principal = outcome.Credential,
            bodyAfterVerification = body,
        });
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json);
    }

    private static SigV4Credential<string> Lookup(SigV4Authorization authorization) => authorization.AccessKeyId switch
    {
        AccessKeyId => SigV4Credential.Found(Secret, "user/alice"),
        TemporaryAccessKeyId when authorization.SecurityToken == SessionToken => SigV4Credential.Found(TemporarySecret, "assumed-role/Admin/alice"),
        TemporaryAccessKeyId => SigV4Credential.Failed<string>(SigV4Errors.InvalidSecurityToken(authorization.Policy.Dialect)),
        _ => SigV4Credential.Failed<string>(SigV4Errors.InvalidAccessKeyId(authorization.Policy.Dialect, authorization.AccessKeyId)),
    };

    /// <summary>STS's query-protocol answers: GetCallerIdentityResponse, or ErrorResponse with the AWS code.</summary>
    private static Task WriteStsAsync(HttpContext context, SigV4Outcome<string> outcome)
    {
        context.Response.ContentType = "text/xml";
        string xml;
        if (outcome.Error is { } error)
        {
            context.Response.StatusCode = error.StatusCode;
            xml = $"""<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>{error.Code}</Code><Message>{SecurityElement.Escape(error.Message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>""";
        }
        else
        {
            xml = $"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::111122223333:{outcome.Credential}</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>""";
        }

        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>Sends bytes exactly as given over a raw socket (no client-side URL normalisation) and returns the response.</summary>
    public async Task<(int Status, string Body)> SendRawAsync(string requestText)
    {
        var uri = new Uri(BaseUrl);
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(requestText));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var bodyStart = response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        return (status, response[bodyStart..]);
    }

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;
}
