using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Endpoints;
using IdentityCenter.Web.Hosting;
using Microsoft.Extensions.Primitives;

namespace Microsoft.AspNetCore.Routing;

/// <summary>
/// <c>POST /api/authorize</c>: the credential check for registered resource services, rate limited per service key.
/// A service forwards the client's SigV4-signed request (<c>signedRequest</c>), verified before anything is evaluated;
/// only services an administrator allows (<see cref="ResourceService.AllowBareTokens"/>) may send a bare access key id
/// and session token.
/// (The benchmark's constant-answer baseline lives in the benchmark host, tests/benchmarks, not here.)
/// </summary>
public static class AuthorizeEndpoints
{
    public const string AuthorizePath = "/api/authorize";

    /// <summary>The error a service that must forward signed requests gets for a bare token.</summary>
    public const string SignatureRequired = nameof(SignatureRequired);

    private const string SignatureRequiredMessage =
        "This resource service must forward the client's signed request (signedRequest: method, path, query, headers, payloadHash, service), " +
        "not a bare access key id and session token. An administrator can allow bare tokens for it under Admin > Credentials > Resource services.";


    internal static IEndpointRouteBuilder MapAuthorizeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AuthorizePath, AuthorizeAsync).DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Authorize).WithName("Authorize");
        return endpoints;
    }

    private static async Task AuthorizeAsync(HttpContext context, ResourceServiceRegistry services, AuthorizeService authorizer)
    {
        var key = BearerToken(context.Request.Headers.Authorization);
        if (key.IsEmpty)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "MissingServiceKey", "Send the resource service's API key as 'Authorization: Bearer <key>'.", null, bearer: true);
            return;
        }

        if (AuthenticatedService(context, key, services) is not { } service)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "InvalidServiceKey", "The service key is not valid; an administrator registers services and their keys.", null, bearer: true);
            return;
        }

        var (body, stopped) = await ReadBodyAsync(context);
        if (stopped is { } status)
        {
            // The client stopped sending mid-body, or sent too slowly: no question to answer, and nothing for the server log.
            if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                await ErrorAsync(context, status, "InvalidRequest", status switch
                {
                    StatusCodes.Status408RequestTimeout => "The body arrived too slowly; send the whole JSON body without pausing.",
                    StatusCodes.Status413PayloadTooLarge => $"The body is larger than {AuthorizeRequestParser.MaxBodyBytes} bytes.",
                    _ => "The body ended before the length the request announced (Content-Length); send the whole JSON body.",
                }, "body");
            }

            return;
        }

        if (body is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequest", $"The body is empty or larger than {AuthorizeRequestParser.MaxBodyBytes} bytes.", "body");
            return;
        }

        var parsed = AuthorizeRequestParser.Parse(body.Value, context.Connection.RemoteIpAddress?.ToString());
        if (parsed.Message is not null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequest", parsed.Message, parsed.Field);
            return;
        }

        if (parsed.Signed is null && !service.AllowBareTokens)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, SignatureRequired, SignatureRequiredMessage, null);
            return;
        }

        var outcome = parsed.Signed is { } signed
            ? await authorizer.AuthorizeSignedAsync(signed, context.RequestAborted)
            : await authorizer.AuthorizeAsync(parsed.Input!, context.RequestAborted);
        if (outcome.MismatchedField is { } mismatched)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequest", $"{mismatched} is not the one the signed request carries; leave it out (the signed request names its credentials).", mismatched);
            return;
        }

        if (outcome.SignatureError is { } refused)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, refused.Code, refused.Message, null);
            return;
        }

        if (outcome.Error is { } error)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, error.CodeName, error.Message, null);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("decision", DecisionName(outcome.Decision));
            writer.WriteStartObject("principal");
            writer.WriteString("arn", outcome.Principal!.Arn);
            writer.WriteString("account", outcome.Principal.Account);
            writer.WriteString("userName", outcome.Principal.UserName);
            writer.WriteEndObject();
            if (outcome.Explanation is { } explanation)
            {
                writer.WritePropertyName("explain");
                ExplanationJson.Write(writer, explanation);
            }

            if (outcome.EncodedAuthorizationMessage is { } encoded)
            {
                writer.WriteString("encodedAuthorizationMessage", encoded);
            }

            writer.WriteEndObject();
        }
    }

    private static string DecisionName(Decision decision) => decision switch
    {
        Decision.Allow => "Allow",
        Decision.ExplicitDeny => "ExplicitDeny",
        Decision.ImplicitDeny => "ImplicitDeny",
        _ => "Error",
    };

    /// <summary>
    /// The resource service the request's key belongs to, looked up once per request (the rate limiter's partition
    /// asks first, the endpoint again).
    /// </summary>
    internal static ResourceService? AuthenticatedService(HttpContext context, ReadOnlySpan<char> key, ResourceServiceRegistry services)
    {
        if (context.Features.Get<ServiceAuthentication>() is { } known)
        {
            return known.Service;
        }

        var service = services.Authenticate(key);
        context.Features.Set(new ServiceAuthentication(service));
        return service;
    }

    private sealed record ServiceAuthentication(ResourceService? Service);

    /// <summary>The key of an <c>Authorization: Bearer &lt;key&gt;</c> header; empty when there is none.</summary>
    internal static ReadOnlySpan<char> BearerToken(StringValues header)
    {
        if (header.Count != 1 || header[0] is not { } value)
        {
            return default;
        }

        var span = value.AsSpan().Trim();
        return span.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? span[7..].Trim() : default;
    }

    /// <summary>
    /// The whole body (null when empty or over <see cref="AuthorizeRequestParser.MaxBodyBytes"/>), or the status Kestrel
    /// refused it with (<see cref="BadHttpRequestException.StatusCode"/>: 400 when the client stopped sending mid-body, 408
    /// when it sent too slowly): the client's doing, answered by the endpoint instead of being logged by the exception
    /// handler as a server failure.
    /// </summary>
    private static async Task<(ReadOnlyMemory<byte>? Body, int? Refused)> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > AuthorizeRequestParser.MaxBodyBytes)
        {
            return (null, null);
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(context.RequestAborted);
            }
            catch (BadHttpRequestException refused)
            {
                return (null, refused.StatusCode);
            }

            var buffer = result.Buffer;
            if (buffer.Length > AuthorizeRequestParser.MaxBodyBytes)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return (null, null);
            }

            if (result.IsCompleted)
            {
                var bytes = buffer.Length == 0 ? null : buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return (bytes, null);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message, string? field, bool bearer = false)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (bearer)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            if (field is not null)
            {
                writer.WriteString("field", field);
            }

            writer.WriteEndObject();
        }
    }
}
