using System.Text.Json;
using System.Text.Unicode;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Credentials;

namespace IdentityCenter.Web.Endpoints;

/// <summary>A parsed <c>/api/authorize</c> body, or the field that is wrong and why.</summary>
internal readonly record struct ParsedAuthorizeRequest(AuthorizeInput? Input, string? Field, string? Message);

/// <summary>
/// Reads the <c>/api/authorize</c> body: <c>{"accessKeyId", "sessionToken", "action", "resource", "context": {..}, "explain": false}</c>.
/// Strict about shapes (each problem names its field), lenient about unknown members. Context values may
/// be strings, numbers, booleans or arrays of those; keys the server sets from the session are dropped by
/// <see cref="IdentityCenter.Core.Credentials.RoleSessionContext"/>, not here.
/// Text that is not Unicode (invalid UTF-8, an escaped lone surrogate) is refused like any other bad input.
/// </summary>
internal static class AuthorizeRequestParser
{
    public const int MaxBodyBytes = 64 * 1024;
    private const int MaxContextKeys = 64;
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
                }
            }

            if (string.IsNullOrEmpty(accessKeyId))
            {
                return Fail("accessKeyId", "accessKeyId is required.");
            }

            if (string.IsNullOrEmpty(sessionToken))
            {
                return Fail("sessionToken", "sessionToken is required.");
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

            return new(new AuthorizeInput(accessKeyId, sessionToken, action, resource, context, explain, sourceIp), null, null);
        }
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
