using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Aws;

namespace IdentityCenter.Web.Endpoints;

/// <summary>
/// A parsed <c>/api/authorize</c> body: a bare-token question (<see cref="Input"/>), a forwarded signed request
/// (<see cref="Signed"/>), or the field that is wrong and why.
/// </summary>
internal readonly record struct ParsedAuthorizeRequest(AuthorizeInput? Input, string? Field, string? Message, SignedAuthorizeInput? Signed = null);

/// <summary>
/// Reads the <c>/api/authorize</c> body: <c>{"accessKeyId", "sessionToken", "action", "resource", "context": {..}, "explain": false}</c>,
/// or, with proof of the secret, <c>{"action", "resource", "context", "explain", "signedRequest": {"method", "path", "query",
/// "headers": {name: value or [values]}, "payloadHash", "service", "region"}}</c> (the client's SigV4-signed request as the
/// resource service received it; its credentials are the signed request's).
/// Strict about shapes (each problem names its field), lenient about unknown members. Context values may
/// be strings, numbers, booleans or arrays of those; keys the server sets from the session are dropped by
/// <see cref="IdentityCenter.Core.Credentials.RoleSessionContext"/>, not here.
/// Text that is not Unicode (invalid UTF-8, an escaped lone surrogate) is refused like any other bad input.
/// <para>One forward pass with <see cref="Utf8JsonReader"/> (no document is built; known member names are compared as
/// UTF-8). The whole body must be JSON before any other problem is reported: after the first problem the rest is still
/// read, and a syntax error anywhere is the answer, as when the body was parsed whole first.</para>
/// </summary>
internal static class AuthorizeRequestParser
{
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxContextKeys = 64;
    private const int MaxSignedHeaders = 64;
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8 };

    public static ParsedAuthorizeRequest Parse(ReadOnlyMemory<byte> body, string? sourceIp)
    {
        if (!Utf8.IsValid(body.Span))
        {
            return Fail("body", "The body is not valid UTF-8; send JSON text encoded as UTF-8.");
        }

        var reader = new Utf8JsonReader(body.Span, ReaderOptions);
        var fields = default(Fields);
        ParsedAuthorizeRequest? problem;
        try
        {
            problem = ReadBody(ref reader, ref fields);

            // The rest must be JSON too (a syntax error anywhere wins over the first problem found), and end with the value.
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            return Fail("body", "The body is not valid JSON; send a JSON object with accessKeyId, sessionToken, action and resource.");
        }

        if (problem is { } found)
        {
            return found;
        }

        var (accessKeyId, sessionToken, action, resource) = (fields.AccessKeyId, fields.SessionToken, fields.Action, fields.Resource);
        if (fields.Signed is null && string.IsNullOrEmpty(accessKeyId))
        {
            return Fail("accessKeyId", "accessKeyId is required (or forward the client's signed request as signedRequest).");
        }

        if (fields.Signed is null && string.IsNullOrEmpty(sessionToken))
        {
            return Fail("sessionToken", "sessionToken is required (or forward the client's signed request as signedRequest).");
        }

        if (string.IsNullOrEmpty(action))
        {
            return Fail("action", "action is required, e.g. \"s3:GetObject\".");
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == action.Length - 1 || action.Length > 256 || action.AsSpan().ContainsAny(" \t\r\n"))
        {
            return Fail("action", $"'{Truncate(action)}' is not an action; write service:Action, e.g. \"s3:GetObject\".");
        }

        if (string.IsNullOrEmpty(resource))
        {
            return Fail("resource", "resource is required (an ARN, or \"*\").");
        }

        if (resource.Length > 2048)
        {
            return Fail("resource", "resource is longer than 2,048 characters.");
        }

        if (fields.Signed is { } parts)
        {
            var input = new SignedAuthorizeInput(
                parts.Request, parts.Policy, action, resource, fields.Context, fields.Explain, sourceIp, NullIfEmpty(accessKeyId), NullIfEmpty(sessionToken));
            return new(null, null, null, input);
        }

        return new(new AuthorizeInput(accessKeyId!, sessionToken!, action, resource, fields.Context, fields.Explain, sourceIp), null, null);
    }

    /// <summary>The members read so far (a later member of the same name replaces an earlier one).</summary>
    private struct Fields
    {
        public string? AccessKeyId;
        public string? SessionToken;
        public string? Action;
        public string? Resource;
        public bool Explain;
        public RequestContext? Context;
        public SignedRequestParts? Signed;
    }

    /// <summary>The root object; the first problem, or null. The reader is left inside the value at a problem.</summary>
    private static ParsedAuthorizeRequest? ReadBody(ref Utf8JsonReader reader, ref Fields fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("body", "The body must be a JSON object with accessKeyId, sessionToken, action and resource.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!IsUnicodeName(ref reader))
            {
                return Fail("body", NotUnicode("A property name"));
            }

            ParsedAuthorizeRequest? error;
            if (reader.ValueTextEquals("accessKeyId"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "accessKeyId", "accessKeyId must be a string (the ASIA... access key id).", out fields.AccessKeyId);
            }
            else if (reader.ValueTextEquals("sessionToken"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "sessionToken", "sessionToken must be a string.", out fields.SessionToken);
            }
            else if (reader.ValueTextEquals("action"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "action", "action must be a string such as \"s3:GetObject\".", out fields.Action);
            }
            else if (reader.ValueTextEquals("resource"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "resource", "resource must be a string (an ARN or \"*\").", out fields.Resource);
            }
            else if (reader.ValueTextEquals("explain"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    return Fail("explain", "explain must be true or false.");
                }

                fields.Explain = reader.TokenType == JsonTokenType.True;
                error = null;
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Fail("context", "context must be an object of condition keys, e.g. {\"aws:SourceIp\": \"10.0.0.1\"}.");
                }

                error = ReadContext(ref reader, out fields.Context);
            }
            else if (reader.ValueTextEquals("signedRequest"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                error = ReadSignedRequest(ref reader, out fields.Signed);
            }
            else
            {
                reader.Read();
                reader.Skip();
                error = null;
            }

            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A forwarded signed request: the request as signed, and the policy it is verified by.</summary>
    private sealed record SignedRequestParts(SigV4Request Request, SigV4ServicePolicy Policy);

    /// <summary>
    /// <c>signedRequest</c>: method, path (as sent, still percent-encoded), query (raw, optional), headers (name to value
    /// or array of values, in the order received), payloadHash (hex SHA-256 of the body received; optional when
    /// <c>x-amz-content-sha256</c> carries it or the service is S3), service (the signing name the resource service
    /// answers to, e.g. <c>s3</c>), region (optional: the one region it answers in; any AWS region otherwise).
    /// </summary>
    private static ParsedAuthorizeRequest? ReadSignedRequest(ref Utf8JsonReader reader, out SignedRequestParts? parts)
    {
        parts = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("signedRequest", "signedRequest must be an object: {\"method\", \"path\", \"query\", \"headers\", \"payloadHash\", \"service\"}.");
        }

        string? method = null, path = null, query = null, payloadHash = null, service = null, region = null;
        List<KeyValuePair<string, string>>? headers = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!IsUnicodeName(ref reader))
            {
                return Fail("signedRequest", NotUnicode("A property name"));
            }

            ParsedAuthorizeRequest? error;
            if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "signedRequest.method", "signedRequest.method must be a string such as \"GET\".", out method);
            }
            else if (reader.ValueTextEquals("path"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "signedRequest.path", "signedRequest.path must be a string: the path as sent, e.g. \"/bucket/key\".", out path);
            }
            else if (reader.ValueTextEquals("query"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "signedRequest.query", "signedRequest.query must be a string: the raw query string as sent, without '?'.", out query);
            }
            else if (reader.ValueTextEquals("payloadHash"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "signedRequest.payloadHash", "signedRequest.payloadHash must be a string: the hex SHA-256 of the body received.", out payloadHash);
            }
            else if (reader.ValueTextEquals("service"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "signedRequest.service", "signedRequest.service must be a string: the signing name, e.g. \"s3\".", out service);
            }
            else if (reader.ValueTextEquals("region"u8))
            {
                reader.Read();
                error = ReadString(ref reader, "signedRequest.region", "signedRequest.region must be a string such as \"us-east-1\".", out region);
            }
            else if (reader.ValueTextEquals("headers"u8))
            {
                reader.Read();
                error = ReadHeaders(ref reader, out headers);
            }
            else
            {
                reader.Read();
                reader.Skip();
                error = null;
            }

            if (error is not null)
            {
                return error;
            }
        }

        if (string.IsNullOrEmpty(method) || method.Length > 16 || !method.All(char.IsAsciiLetterUpper))
        {
            return Fail("signedRequest.method", "signedRequest.method is required: the HTTP method as sent, e.g. \"GET\".");
        }

        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Contains('?', StringComparison.Ordinal))
        {
            return Fail("signedRequest.path", "signedRequest.path is required: the path as sent, starting with '/', without the query.");
        }

        if (headers is null || headers.Count == 0)
        {
            return Fail("signedRequest.headers", "signedRequest.headers is required: every header the client sent (at least host, x-amz-date and authorization), name to value.");
        }

        if (string.IsNullOrEmpty(service) || service.Length > 64 || !service.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            return Fail("signedRequest.service", "signedRequest.service is required: the signing name the client signed for and this service answers to, e.g. \"s3\".");
        }

        if (region is not null && (region.Length is 0 or > 64 || !region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return Fail("signedRequest.region", "signedRequest.region is a region name such as \"us-east-1\"; leave it out to accept any AWS region.");
        }

        var dialect = service == "s3" ? SigV4Dialect.S3 : SigV4Dialect.Standard;
        var request = new SigV4Request(method, path, query is { Length: > 0 } && query[0] == '?' ? query[1..] : query ?? string.Empty, headers);
        if (payloadHash is not null && payloadHash != SigV4Verifier.UnsignedPayload)
        {
            if (payloadHash.Length != 64 || !payloadHash.All(char.IsAsciiHexDigit))
            {
                return Fail("signedRequest.payloadHash", "signedRequest.payloadHash must be the lowercase hex SHA-256 of the body received (64 characters), or UNSIGNED-PAYLOAD.");
            }

            request = request with { PayloadSha256 = payloadHash };
        }
        else if (dialect == SigV4Dialect.Standard && request.FirstHeader("x-amz-content-sha256") is null)
        {
            return Fail("signedRequest.payloadHash", $"signedRequest.payloadHash is required: {service} requests sign the SHA-256 of their body; send the hex SHA-256 of the body received (of nothing: {SigV4Verifier.EmptyPayloadSha256}).");
        }

        var policy = new SigV4ServicePolicy(service, region is null ? AwsRequestAuthenticator.Regions : [region], dialect)
        {
            MaxClockSkew = AwsRequestAuthenticator.MaxClockSkew,
        };
        parts = new SignedRequestParts(request, policy);
        return null;
    }

    /// <summary><c>signedRequest.headers</c>: an object of header name to a string or an array of strings (repeated fields).</summary>
    private static ParsedAuthorizeRequest? ReadHeaders(ref Utf8JsonReader reader, out List<KeyValuePair<string, string>>? headers)
    {
        headers = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail("signedRequest.headers", "signedRequest.headers must be an object of header name to value, e.g. {\"host\": \"example.com\"}.");
        }

        var list = new List<KeyValuePair<string, string>>(16);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetString(ref reader, out var name))
            {
                return Fail("signedRequest.headers", NotUnicode("A header name"));
            }

            if (name!.Length is 0 or > 128 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                return Fail("signedRequest.headers", $"'{Truncate(name)}' is not a header name.");
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String || !TryGetString(ref reader, out var text))
                    {
                        var field = "signedRequest.headers." + name;
                        return Fail(field, $"{field} must be a string or an array of strings.");
                    }

                    list.Add(new(name, text!));
                }
            }
            else if (reader.TokenType == JsonTokenType.String && TryGetString(ref reader, out var value))
            {
                list.Add(new(name, value!));
            }
            else
            {
                var field = "signedRequest.headers." + name;
                return Fail(field, $"{field} must be a string or an array of strings.");
            }

            if (list.Count > MaxSignedHeaders)
            {
                return Fail("signedRequest.headers", $"signedRequest.headers has more than {MaxSignedHeaders} values.");
            }
        }

        headers = list;
        return null;
    }

    private static ParsedAuthorizeRequest? ReadContext(ref Utf8JsonReader reader, out RequestContext? context)
    {
        context = new RequestContext(24);
        var count = 0;
        List<string>? items = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!TryGetString(ref reader, out var name))
            {
                return Fail("context", NotUnicode("A context key"));
            }

            if (++count > MaxContextKeys)
            {
                return Fail("context", $"context has more than {MaxContextKeys} keys.");
            }

            if (name!.Length is 0 or > 128)
            {
                return Fail("context." + name, "Context keys are 1-128 characters.");
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                (items ??= []).Clear();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!TryScalar(ref reader, out var text))
                    {
                        return Fail("context." + name, NotUnicode("context." + name));
                    }

                    if (text is null)
                    {
                        return Fail("context." + name, $"context.{name} must be a string, number, boolean, or an array of those.");
                    }

                    items.Add(text);
                }

                context.Set(name, items.ToArray());
                continue;
            }

            if (!TryScalar(ref reader, out var value))
            {
                return Fail("context." + name, NotUnicode("context." + name));
            }

            if (value is null)
            {
                return Fail("context." + name, $"context.{name} must be a string, number, boolean, or an array of those.");
            }

            context.Set(name, value);
        }

        return null;
    }

    /// <summary>A scalar as text (null for other kinds); false when a string holds an escaped lone surrogate.</summary>
    private static bool TryScalar(ref Utf8JsonReader reader, out string? text)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return TryGetString(ref reader, out text);
            case JsonTokenType.Number:
                text = Encoding.UTF8.GetString(reader.ValueSpan);
                return true;
            case JsonTokenType.True:
                text = "true";
                return true;
            case JsonTokenType.False:
                text = "false";
                return true;
            default:
                text = null;
                return true;
        }
    }

    /// <summary>
    /// False for a property name with an escaped lone surrogate. A name without escapes is valid (the body is valid UTF-8);
    /// an escaped one is decoded to find out.
    /// </summary>
    private static bool IsUnicodeName(ref Utf8JsonReader reader) => !reader.ValueIsEscaped || TryGetString(ref reader, out _);

    // System.Text.Json reports an escaped lone surrogate (valid JSON, invalid Unicode) only by throwing
    // InvalidOperationException when the text is decoded; this turns it into a value.
    private static bool TryGetString(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>A string (or null) member; the problem when it is another kind or not valid Unicode.</summary>
    private static ParsedAuthorizeRequest? ReadString(ref Utf8JsonReader reader, string field, string expectation, out string? value)
    {
        value = null;
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String when TryGetString(ref reader, out value) => null,
            JsonTokenType.String => Fail(field, NotUnicode(field)),
            _ => Fail(field, expectation),
        };
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static ParsedAuthorizeRequest Fail(string field, string message) => new(null, field, message);

    private static string NotUnicode(string what) => $"{what} contains an escaped lone surrogate (\\uD800-\\uDFFF without its pair); send valid Unicode text.";
}
