using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityCenter.Core.Aws.SigV4;

namespace IdentityCenter.Web.Aws;

/// <summary>
/// The awsJson1_1 wire format of the administrative APIs (Identity Store, SSO Admin, Organizations): answers are
/// <c>application/x-amz-json-1.1</c>; errors are <c>{"__type":"Code","message":"..."}</c> with the code also in
/// <c>x-amzn-ErrorType</c> (botocore reads <c>__type</c>, the other SDKs either), and every answer carries
/// <c>x-amzn-RequestId</c>. Authentication failures use the codes these services answer with (all HTTP 400):
/// <c>MissingAuthenticationTokenException</c>, <c>IncompleteSignatureException</c>, <c>InvalidSignatureException</c>,
/// <c>UnrecognizedClientException</c>, <c>ExpiredTokenException</c>; an unknown target is <c>UnknownOperationException</c>.
/// </summary>
public static class AwsJsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetHeader = "X-Amz-Target";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";
    public const string RequestIdHeader = "x-amzn-RequestId";

    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
    public const string IncompleteSignature = "IncompleteSignatureException";
    public const string InvalidSignature = "InvalidSignatureException";
    public const string UnrecognizedClient = "UnrecognizedClientException";
    public const string ExpiredToken = "ExpiredTokenException";
    public const string UnknownOperation = "UnknownOperationException";
    public const string Serialization = "SerializationException";
    public const string AccessDenied = "AccessDeniedException";

    private static readonly Dictionary<string, string> EmptyMembers = [];

    /// <summary>Output members are the model's names as they are (PascalCase); absent members are left out.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The answer to a caller whose access key is unknown, inactive, or whose user is disabled or deleted (AWS does not say which).</summary>
    public static AwsError UnrecognizedClientError { get; } = new(UnrecognizedClient, "The security token included in the request is invalid.", StatusCodes.Status400BadRequest);

    /// <summary>An unknown or missing <c>X-Amz-Target</c>, or a body that is not awsJson1_1.</summary>
    public static AwsError UnknownOperationError(string? target) => new(
        UnknownOperation,
        string.IsNullOrEmpty(target)
            ? $"The request names no operation: send {TargetHeader}: <service prefix>.<operation> with Content-Type: {ContentType}."
            : $"Unknown operation {target}.",
        StatusCodes.Status400BadRequest);

    /// <summary>The awsJson answer to a refused signature (the verifier's reason decides the code; its message is kept).</summary>
    public static AwsError FromSigV4(SigV4Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Reason switch
        {
            SigV4ErrorReason.MissingAuthentication => new(MissingAuthenticationToken, "Request is missing Authentication Token", StatusCodes.Status400BadRequest),
            SigV4ErrorReason.UnsupportedAuthentication or SigV4ErrorReason.AmbiguousAuthentication or SigV4ErrorReason.IncompleteSignature
                or SigV4ErrorReason.HeaderNotSigned or SigV4ErrorReason.InvalidPayloadHash => new(IncompleteSignature, error.Message, StatusCodes.Status400BadRequest),
            SigV4ErrorReason.InvalidAccessKeyId or SigV4ErrorReason.InvalidSecurityToken => UnrecognizedClientError,
            SigV4ErrorReason.ExpiredToken => new(ExpiredToken, "The security token included in the request is expired", StatusCodes.Status400BadRequest),
            _ => new(InvalidSignature, error.Message, StatusCodes.Status400BadRequest),
        };
    }

    /// <summary>Writes an error: status, <c>x-amzn-ErrorType</c>, and the JSON body with <c>__type</c>, <c>message</c> and the error's other members.</summary>
    public static async Task WriteErrorAsync(HttpResponse response, AwsError error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        response.StatusCode = error.StatusCode;
        response.Headers[ErrorTypeHeader] = error.Code;
        response.ContentType = ContentType;
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("__type", error.Code);
        writer.WriteString("message", error.Message);
        foreach (var (name, value) in error.Members ?? EmptyMembers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes a successful answer (200): <paramref name="output"/> as JSON, <c>{}</c> when null.</summary>
    public static async Task WriteResultAsync(HttpResponse response, object? output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (output is null)
        {
            await response.Body.WriteAsync("{}"u8.ToArray(), cancellationToken);
            return;
        }

        await JsonSerializer.SerializeAsync(response.Body, output, output.GetType(), SerializerOptions, cancellationToken);
    }
}
