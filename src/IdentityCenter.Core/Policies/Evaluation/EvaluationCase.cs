using System.Globalization;
using System.Text.Json;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// One line of an evaluation-case JSONL file (see shared/spec/evaluation-cases.md): an id, a request and
/// the policies that bear on it, optionally an expected decision. A malformed line yields a case with
/// <see cref="Error"/> set and no request.
/// </summary>
public sealed record EvaluationCase(string? Id, AuthorizationRequest? Request, PolicySet? Policies, string? Expect, string? Error)
{
    /// <summary>Parses one JSONL line. Never throws for bad input.</summary>
    public static EvaluationCase Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return Fail(null, "invalid JSON: " + ex.Message);
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail(null, "a case line must be a JSON object with \"id\", \"request\" and \"policies\"");
            }

            string? id = null;
            if (root.TryGetProperty("id", out var idElement))
            {
                try
                {
                    id = idElement.ValueKind switch
                    {
                        JsonValueKind.String => idElement.GetString(),
                        JsonValueKind.Number => idElement.GetRawText(),
                        _ => null,
                    };
                }
                catch (InvalidOperationException)
                {
                    id = null;
                }
            }

            if (id is null)
            {
                return Fail(null, "missing string \"id\"");
            }

            var expect = root.TryGetProperty("expect", out var expectElement) && expectElement.ValueKind == JsonValueKind.String ? expectElement.GetString() : null;
            try
            {
                var request = ReadRequest(root);
                var policies = ReadPolicies(root);
                return new EvaluationCase(id, request, policies, expect, null);
            }
            catch (CaseFormatException ex)
            {
                return Fail(id, ex.Message) with { Expect = expect };
            }
            catch (InvalidOperationException ex)
            {
                // e.g. a string holding an unpaired surrogate escape.
                return Fail(id, "unreadable value: " + ex.Message) with { Expect = expect };
            }
        }
    }

    private static EvaluationCase Fail(string? id, string message) => new(id, null, null, null, message);

    private static AuthorizationRequest ReadRequest(JsonElement root)
    {
        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFormatException("missing object \"request\"");
        }

        var principal = RequiredString(request, "principal", "request");
        var action = RequiredString(request, "action", "request");
        var resource = RequiredString(request, "resource", "request");
        var context = new RequestContext();
        if (request.TryGetProperty("context", out var contextElement) && contextElement.ValueKind != JsonValueKind.Null)
        {
            if (contextElement.ValueKind != JsonValueKind.Object)
            {
                throw new CaseFormatException("\"request.context\" must be an object of condition keys");
            }

            foreach (var property in contextElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Array:
                        var values = new List<string>();
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            values.Add(Scalar(item, $"request.context.{property.Name}"));
                        }

                        context.Set(property.Name, [.. values]);
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        context.Set(property.Name, Scalar(property.Value, $"request.context.{property.Name}"));
                        break;
                }
            }
        }

        return new AuthorizationRequest(principal, action, resource, context);
    }

    private static string Scalar(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new CaseFormatException($"\"{path}\" must be a string or an array of strings"),
    };

    private static string RequiredString(JsonElement obj, string name, string parent)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new CaseFormatException($"missing string \"{parent}.{name}\"");
        }

        return value.GetString()!;
    }

    private static PolicySet ReadPolicies(JsonElement root)
    {
        if (!root.TryGetProperty("policies", out var policies) || policies.ValueKind != JsonValueKind.Object)
        {
            throw new CaseFormatException("missing object \"policies\"");
        }

        var identity = policies.TryGetProperty("identity", out var identityElement)
            ? ReadList(identityElement, "identity", PolicyKind.Managed)
            : [];
        NamedPolicy? resource = null;
        if (policies.TryGetProperty("resource", out var resourceElement) && resourceElement.ValueKind != JsonValueKind.Null)
        {
            resource = ReadPolicy(resourceElement, "resource", PolicyKind.Resource);
        }

        string? resourceAccount = null;
        if (policies.TryGetProperty("resourceAccount", out var accountElement) && accountElement.ValueKind != JsonValueKind.Null)
        {
            resourceAccount = accountElement.ValueKind switch
            {
                JsonValueKind.String => accountElement.GetString(),
                JsonValueKind.Number => accountElement.GetRawText(),
                _ => throw new CaseFormatException("\"policies.resourceAccount\" must be a string"),
            };
        }

        var scp = policies.TryGetProperty("scp", out var scpElement) && scpElement.ValueKind != JsonValueKind.Null
            ? ReadLevels(scpElement, "scp", PolicyKind.Scp)
            : null;
        var rcp = policies.TryGetProperty("rcp", out var rcpElement) && rcpElement.ValueKind != JsonValueKind.Null
            ? ReadLevels(rcpElement, "rcp", PolicyKind.Rcp)
            : null;
        var boundary = policies.TryGetProperty("boundary", out var boundaryElement) && boundaryElement.ValueKind != JsonValueKind.Null
            ? ReadListOrSingle(boundaryElement, "boundary", PolicyKind.Managed)
            : null;
        var session = policies.TryGetProperty("session", out var sessionElement) && sessionElement.ValueKind != JsonValueKind.Null
            ? ReadListOrSingle(sessionElement, "session", PolicyKind.Session)
            : null;
        return new PolicySet(identity, resource, resourceAccount, scp, rcp, boundary, session);
    }

    private static List<List<NamedPolicy>> ReadLevels(JsonElement element, string name, PolicyKind kind)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CaseFormatException($"\"policies.{name}\" must be an array of levels, each an array of policy documents");
        }

        var levels = new List<List<NamedPolicy>>();
        var index = 0;
        foreach (var level in element.EnumerateArray())
        {
            levels.Add(ReadListOrSingle(level, $"{name}[{index.ToString(CultureInfo.InvariantCulture)}]", kind));
            index++;
        }

        return levels;
    }

    private static List<NamedPolicy> ReadListOrSingle(JsonElement element, string name, PolicyKind kind) =>
        element.ValueKind == JsonValueKind.Object ? [ReadPolicy(element, name, kind)] : ReadList(element, name, kind);

    private static List<NamedPolicy> ReadList(JsonElement element, string name, PolicyKind kind)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new CaseFormatException($"\"policies.{name}\" must be an array of policy documents");
        }

        var list = new List<NamedPolicy>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            list.Add(ReadPolicy(item, $"{name}[{index.ToString(CultureInfo.InvariantCulture)}]", kind));
            index++;
        }

        return list;
    }

    private static NamedPolicy ReadPolicy(JsonElement element, string name, PolicyKind kind)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
        // A document with Error findings is not evaluated: AWS would refuse it ("Effect": "allow" is an error, not Allow).
        var parsed = PolicyParser.Parse(text, kind);
        if (parsed.Evaluable is not { } document)
        {
            var first = parsed.Errors.FirstOrDefault();
            throw new CaseFormatException(first is null
                ? $"policies.{name} could not be parsed"
                : $"policies.{name} is not a valid policy: {first.Code}: {first.Message} (at {first.Path}, line {first.Line}, column {first.Column})");
        }

        var label = document.Id is { Length: > 0 } id ? $"{name} ({id})" : name;
        return new NamedPolicy(label, document);
    }

    private sealed class CaseFormatException(string message) : Exception(message);
}
