using System.Text.Json;
using System.Text.Unicode;
using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Aws;
using IdentityCenter.Web.Endpoints;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>
/// The <c>/api/authorize</c> body parser as it was before it read with <see cref="Utf8JsonReader"/> (a <see cref="JsonDocument"/>
/// parsed whole, then walked), kept unchanged as the reference the new parser must agree with on every input
/// (<c>AuthorizeRequestParserEquivalenceTests</c>).
/// </summary>
internal static class JsonDocumentAuthorizeRequestParser
{
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxContextKeys = 64;
    private const int MaxSignedHeaders = 64;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    public static ParsedAuthorizeRequest Parse(ReadOnlyMemory<byte> body, string? sourceIp)
    {
        if (!Utf8.IsValid(body.Span))
        {
            return Fail("body", "The body is not valid UTF-8; send JSON text encoded as UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            return Fail("body", "The body is not valid JSON; send a JSON object with accessKeyId, sessionToken, action and resource.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("body", "The body must be a JSON object with accessKeyId, sessionToken, action and resource.");
            }

            string? accessKeyId = null, sessionToken = null, action = null, resource = null;
            var explain = false;
            RequestContext? context = null;
            SignedRequestParts? signed = null;
            foreach (var property in root.EnumerateObject())
            {
                if (Name(property) is not { } name)
                {
                    return Fail("body", NotUnicode("A property name"));
                }

                switch (name)
                {
                    case "accessKeyId":
                        if (ReadString(property, "accessKeyId", "accessKeyId must be a string (the ASIA... access key id).", out accessKeyId) is { } accessKeyIdError)
                        {
                            return accessKeyIdError;
                        }

                        break;
                    case "sessionToken":
                        if (ReadString(property, "sessionToken", "sessionToken must be a string.", out sessionToken) is { } sessionTokenError)
                        {
                            return sessionTokenError;
                        }

                        break;
                    case "action":
                        if (ReadString(property, "action", "action must be a string such as \"s3:GetObject\".", out action) is { } actionError)
                        {
                            return actionError;
                        }

                        break;
                    case "resource":
                        if (ReadString(property, "resource", "resource must be a string (an ARN or \"*\").", out resource) is { } resourceError)
                        {
                            return resourceError;
                        }

                        break;
                    case "explain":
                        if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
                        {
                            return Fail("explain", "explain must be true or false.");
                        }

                        explain = property.Value.ValueKind == JsonValueKind.True;
                        break;
                    case "context":
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }

                        if (property.Value.ValueKind != JsonValueKind.Object)
                        {
                            return Fail("context", "context must be an object of condition keys, e.g. {\"aws:SourceIp\": \"10.0.0.1\"}.");
                        }

                        var error = ReadContext(property.Value, out context);
                        if (error is not null)
                        {
                            return error.Value;
                        }

                        break;
                    case "signedRequest":
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }

                        if (ReadSignedRequest(property.Value, out signed) is { } signedError)
                        {
                            return signedError;
                        }

                        break;
                }
            }

            if (signed is null && string.IsNullOrEmpty(accessKeyId))
            {
                return Fail("accessKeyId", "accessKeyId is required (or forward the client's signed request as signedRequest).");
            }

            if (signed is null && string.IsNullOrEmpty(sessionToken))
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

            if (signed is { } parts)
            {
                var input = new SignedAuthorizeInput(
                    parts.Request, parts.Policy, action, resource, context, explain, sourceIp, NullIfEmpty(accessKeyId), NullIfEmpty(sessionToken));
                return new(null, null, null, input);
            }

            return new(new AuthorizeInput(accessKeyId!, sessionToken!, action, resource, context, explain, sourceIp), null, null);
        }
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
    private static ParsedAuthorizeRequest? ReadSignedRequest(JsonElement element, out SignedRequestParts? parts)
    {
        parts = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail("signedRequest", "signedRequest must be an object: {\"method\", \"path\", \"query\", \"headers\", \"payloadHash\", \"service\"}.");
        }

        string? method = null, path = null, query = null, payloadHash = null, service = null, region = null;
        List<KeyValuePair<string, string>>? headers = null;
        foreach (var property in element.EnumerateObject())
        {
            if (Name(property) is not { } name)
            {
                return Fail("signedRequest", NotUnicode("A property name"));
            }

            var field = "signedRequest." + name;
            ParsedAuthorizeRequest? error = name switch
            {
                "method" => ReadString(property, field, "signedRequest.method must be a string such as \"GET\".", out method),
                "path" => ReadString(property, field, "signedRequest.path must be a string: the path as sent, e.g. \"/bucket/key\".", out path),
                "query" => ReadString(property, field, "signedRequest.query must be a string: the raw query string as sent, without '?'.", out query),
                "payloadHash" => ReadString(property, field, "signedRequest.payloadHash must be a string: the hex SHA-256 of the body received.", out payloadHash),
                "service" => ReadString(property, field, "signedRequest.service must be a string: the signing name, e.g. \"s3\".", out service),
                "region" => ReadString(property, field, "signedRequest.region must be a string such as \"us-east-1\".", out region),
                "headers" => ReadHeaders(property.Value, out headers),
                _ => null,
            };
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
    private static ParsedAuthorizeRequest? ReadHeaders(JsonElement element, out List<KeyValuePair<string, string>>? headers)
    {
        headers = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail("signedRequest.headers", "signedRequest.headers must be an object of header name to value, e.g. {\"host\": \"example.com\"}.");
        }

        var list = new List<KeyValuePair<string, string>>(16);
        foreach (var header in element.EnumerateObject())
        {
            if (Name(header) is not { } name)
            {
                return Fail("signedRequest.headers", NotUnicode("A header name"));
            }

            var field = "signedRequest.headers." + name;
            if (name.Length is 0 or > 128 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                return Fail("signedRequest.headers", $"'{Truncate(name)}' is not a header name.");
            }

            if (header.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in header.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || !TryGetString(item, out var text))
                    {
                        return Fail(field, $"{field} must be a string or an array of strings.");
                    }

                    list.Add(new(name, text!));
                }
            }
            else if (header.Value.ValueKind == JsonValueKind.String && TryGetString(header.Value, out var value))
            {
                list.Add(new(name, value!));
            }
            else
            {
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

    private static ParsedAuthorizeRequest? ReadContext(JsonElement element, out RequestContext context)
    {
        context = new RequestContext(24);
        var count = 0;
        foreach (var entry in element.EnumerateObject())
        {
            if (Name(entry) is not { } name)
            {
                return Fail("context", NotUnicode("A context key"));
            }

            var field = "context." + name;
            if (++count > MaxContextKeys)
            {
                return Fail("context", $"context has more than {MaxContextKeys} keys.");
            }

            if (name.Length is 0 or > 128)
            {
                return Fail(field, "Context keys are 1-128 characters.");
            }

            switch (entry.Value.ValueKind)
            {
                case JsonValueKind.Array:
                    var values = new string[entry.Value.GetArrayLength()];
                    var i = 0;
                    foreach (var item in entry.Value.EnumerateArray())
                    {
                        if (!TryScalar(item, out var text))
                        {
                            return Fail(field, NotUnicode(field));
                        }

                        if (text is null)
                        {
                            return Fail(field, $"{field} must be a string, number, boolean, or an array of those.");
                        }

                        values[i++] = text;
                    }

                    context.Set(name, values);
                    break;
                default:
                    if (!TryScalar(entry.Value, out var value))
                    {
                        return Fail(field, NotUnicode(field));
                    }

                    if (value is null)
                    {
                        return Fail(field, $"{field} must be a string, number, boolean, or an array of those.");
                    }

                    context.Set(name, value);
                    break;
            }
        }

        return null;
    }

    /// <summary>A scalar as text (null for other kinds); false when a string holds an escaped lone surrogate.</summary>
    private static bool TryScalar(JsonElement value, out string? text)
    {
        text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return value.ValueKind != JsonValueKind.String || TryGetString(value, out text);
    }

    // System.Text.Json reports an escaped lone surrogate (valid JSON, invalid Unicode) only by throwing
    // InvalidOperationException when the text is decoded; these turn it into a value.
    private static string? Name(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryGetString(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    /// <summary>A string (or null) member; the problem when it is another kind or not valid Unicode.</summary>
    private static ParsedAuthorizeRequest? ReadString(JsonProperty property, string field, string expectation, out string? value)
    {
        value = null;
        return property.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String when TryGetString(property.Value, out value) => null,
            JsonValueKind.String => Fail(field, NotUnicode(field)),
            _ => Fail(field, expectation),
        };
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";

    private static ParsedAuthorizeRequest Fail(string field, string message) => new(null, field, message);

    private static string NotUnicode(string what) => $"{what} contains an escaped lone surrogate (\\uD800-\\uDFFF without its pair); send valid Unicode text.";
}
