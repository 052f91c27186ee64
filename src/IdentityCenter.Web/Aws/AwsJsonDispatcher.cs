using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Audit;

namespace IdentityCenter.Web.Aws;

/// <summary>
/// Serves one awsJson1_1 service at one path (POST): authenticates the caller's access key signature
/// (<see cref="AccessKeyRequestAuthenticator"/>) before anything else, then finds the operation from
/// <c>X-Amz-Target</c> (a missing, foreign or unknown target, or another content type, is <c>UnknownOperationException</c>),
/// parses the body (not a JSON object: <c>SerializationException</c>), runs the operation and writes its output or
/// error (<see cref="AwsJsonProtocol"/>). Every answer carries <c>x-amzn-RequestId</c>. Every authenticated call lands in
/// the audit log once (<see cref="ApiCallAudit"/>): through the events its services write, or else as the call's own event.
/// </summary>
public static class AwsJsonDispatcher
{
    private const int MaxAuditedParameters = 16;
    private const int MaxAuditedValueLength = 256;

    public static async Task DispatchAsync(HttpContext http, AwsJsonService service)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(service);
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers[AwsJsonProtocol.RequestIdHeader] = requestId;
        var cancellationToken = http.RequestAborted;

        var authenticator = http.RequestServices.GetRequiredService<AccessKeyRequestAuthenticator>();
        var authentication = await authenticator.AuthenticateAsync(http.Request, service.Policy, cancellationToken);
        if (authentication.Caller is not { } caller)
        {
            await AwsJsonProtocol.WriteErrorAsync(http.Response, authentication.Error!, cancellationToken);
            return;
        }

        var target = http.Request.Headers[AwsJsonProtocol.TargetHeader].ToString();
        var handler = service.Find(target, out var operation);
        if (handler is null || !IsAwsJson11(http.Request.ContentType))
        {
            await AwsJsonProtocol.WriteErrorAsync(http.Response, AwsJsonProtocol.UnknownOperationError(target), cancellationToken);
            return;
        }

        JsonDocument input;
        try
        {
            input = http.Request.ContentLength == 0 ? JsonDocument.Parse("{}") : await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            await AwsJsonProtocol.WriteErrorAsync(http.Response, new AwsError(AwsJsonProtocol.Serialization, "The request body is not valid JSON: send a JSON object, {} when the operation takes no input.", StatusCodes.Status400BadRequest), cancellationToken);
            return;
        }

        using (input)
        {
            if (input.RootElement.ValueKind != JsonValueKind.Object)
            {
                await AwsJsonProtocol.WriteErrorAsync(http.Response, new AwsError(AwsJsonProtocol.Serialization, $"The request body must be a JSON object, not {input.RootElement.ValueKind}.", StatusCodes.Status400BadRequest), cancellationToken);
                return;
            }

            var call = new AwsJsonCall(http, caller, operation, input.RootElement, requestId);
            AwsJsonResult result;
            using (var audit = ApiCallAudit.Begin())
            {
                result = await handler(call);
                if (audit.EventsWritten == 0)
                {
                    await http.RequestServices.GetRequiredService<IAuditLog>().AppendAsync(CallEvent(service, call, result.Error), CancellationToken.None);
                }
            }

            if (result.Error is { } error)
            {
                await AwsJsonProtocol.WriteErrorAsync(http.Response, error, cancellationToken);
                return;
            }

            await AwsJsonProtocol.WriteResultAsync(http.Response, result.Output, cancellationToken);
        }
    }

    /// <summary>
    /// The CloudTrail record of a call whose services stored no event of their own (reads, refusals, invalid input):
    /// the service's event source, the operation, the caller with their access key id, and the request's top-level
    /// scalar parameters (these APIs carry no secrets).
    /// </summary>
    private static AuditEvent CallEvent(AwsJsonService service, AwsJsonCall call, AwsError? error)
    {
        var actor = call.Actor;
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var member in call.Input.EnumerateObject().Take(MaxAuditedParameters))
        {
            var value = member.Value.ValueKind switch
            {
                JsonValueKind.String => member.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => member.Value.GetRawText(),
                _ => null,
            };
            if (value is not null)
            {
                parameters[member.Name] = value.Length <= MaxAuditedValueLength ? value : value[..MaxAuditedValueLength];
            }
        }

        return new AuditEvent
        {
            EventTime = call.Http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            EventSource = service.EventSource,
            EventName = call.Operation,
            UserIdentity = actor.ToUserIdentity(),
            SourceIpAddress = actor.SourceIpAddress,
            UserAgent = actor.UserAgent,
            RequestParameters = parameters,
            AdditionalEventData = new Dictionary<string, string?> { ["requestID"] = call.RequestId, ["awsRegion"] = call.Caller.Region },
            ErrorCode = error?.Code,
            ErrorMessage = error?.Message,
        };
    }

    /// <summary>Maps <paramref name="service"/> at <paramref name="path"/> (POST only; no antiforgery: callers sign instead).</summary>
    public static IEndpointConventionBuilder MapAwsJsonService(this IEndpointRouteBuilder endpoints, string path, AwsJsonService service)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        return endpoints.MapPost(path, http => DispatchAsync(http, service)).DisableAntiforgery();
    }

    private static bool IsAwsJson11(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(AwsJsonProtocol.ContentType, StringComparison.OrdinalIgnoreCase);
}
