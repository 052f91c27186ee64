using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.RateLimiting;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Sso;
using IdentityCenter.Web.Aws;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Web.Hosting;

/// <summary>The rate limiting policies; endpoints opt in with <c>RequireRateLimiting</c> or <c>[EnableRateLimiting]</c>.</summary>
public static class RateLimitPolicies
{
    /// <summary>POSTs of the account pages (sign-in, authenticator code, password change, MFA enrolment), per client.</summary>
    public const string SignIn = "sign-in";

    /// <summary>The portal API that issues role credentials, per client.</summary>
    public const string Credentials = "credentials";

    /// <summary>The token check API, per resource service key (per client for calls without a valid key).</summary>
    public const string Authorize = "authorize";

    /// <summary>The administrative AWS APIs (identitystore, sso-admin, organizations), per client.</summary>
    public const string Administration = "administration";
}

/// <summary>
/// Per-client rate limits with ASP.NET Core's rate limiter (<c>IdentityCenter:RateLimits</c>), on top of account
/// lockout: fixed windows, no queueing; a refused request gets 429 with Retry-After and a message saying when to retry
/// (for the AWS SSO portal API as the SDKs expect it: <c>x-amzn-ErrorType: TooManyRequestsException</c>, <c>{"message"}</c>).
/// </summary>
internal static class RateLimitHostingExtensions
{
    public static IHostApplicationBuilder AddIdentityCenterRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<IdentityCenterOptions>>((options, identityCenter) =>
        {
            var limits = identityCenter.Value.RateLimits;
            var signIn = Window<string>(limits.SignIn);
            var credentials = Window<string>(limits.Credentials);
            var authorize = Window<AuthorizeCaller>(limits.Authorize);
            var administration = Window<string>(limits.Administration);

            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(RateLimitPolicies.SignIn, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), signIn)
                : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(RateLimitPolicies.Credentials, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), credentials));
            options.AddPolicy(RateLimitPolicies.Authorize, context => RateLimitPartition.GetFixedWindowLimiter(AuthorizeKey(context), authorize));
            options.AddPolicy(RateLimitPolicies.Administration, context => RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), administration));
        });
        return builder;
    }

    /// <summary>After routing (the policies are endpoint metadata) and the forwarded headers (the partition key is the client's address), before authentication.</summary>
    public static WebApplication UseIdentityCenterRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The client: its IP address, an IPv6 address by its /64 (one subscriber's prefix, which it can fill with
    /// addresses at will). Behind a reverse proxy, correct only when the proxy is configured as trusted.
    /// </summary>
    internal static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            bytes[8..].Clear();
            address = new IPAddress(bytes);
        }

        return address.ToString();
    }

    /// <summary>A registered service by its key, anyone else by address: unknown keys cannot create partitions at will.</summary>
    private static AuthorizeCaller AuthorizeKey(HttpContext context)
    {
        var key = AuthorizeEndpoints.BearerToken(context.Request.Headers.Authorization);
        return !key.IsEmpty && AuthorizeEndpoints.AuthenticatedService(context, key, context.RequestServices.GetRequiredService<ResourceServiceRegistry>()) is { } service
            ? new AuthorizeCaller(service.Id, IsService: true)
            : new AuthorizeCaller(ClientKey(context), IsService: false);
    }

    private static Func<T, FixedWindowRateLimiterOptions> Window<T>(RateLimitOptions limit)
    {
        var options = new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0, AutoReplenishment = true };
        return _ => options;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = (long)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var message = $"Too many requests from this client. Wait {seconds} seconds, then try again.";
        if (context.Request.Path.StartsWithSegments(AwsSsoEndpoints.PortalPrefix))
        {
            // What the SDKs parse: x-amzn-ErrorType TooManyRequestsException and the model's {"message"}.
            await AwsSsoEndpoints.Failure(context, SsoPortalError.TooManyRequests(message)).ExecuteAsync(context);
            return;
        }

        if (AwsAdministrationEndpoints.ThrottlingError(context.Request.Path, message) is { } throttled)
        {
            // What the SDKs retry on: the service's throttling code in __type and x-amzn-ErrorType.
            await AwsJsonProtocol.WriteErrorAsync(context.Response, throttled, cancellationToken);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { code = "TooManyRequests", message }), cancellationToken);
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Too many attempts · IdentityCenter</title></head>
            <body><h1>Too many attempts</h1>
            <p>Too many attempts came from your network address. Wait {seconds} seconds, then try again.</p>
            <p><a href="{context.Request.PathBase}/Account/Login">Back to sign-in</a></p></body></html>
            """,
            cancellationToken);
    }

    private readonly record struct AuthorizeCaller(string Key, bool IsService);
}
