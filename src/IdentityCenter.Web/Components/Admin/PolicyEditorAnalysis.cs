using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IdentityCenter.Core.Catalog;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Core.Policies.Matching;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>
/// What the policy editor computes from a document: the evaluator's findings (PolicyParser) plus the
/// catalogue checks IAM Access Analyzer makes and the parser does not (unknown service prefixes,
/// actions and condition keys, as warnings), completions for the token being typed, and pretty-printing.
/// The size counter uses <see cref="PolicySizeQuota"/>, as the parser does. Pure functions, so they are tested without rendering.
/// </summary>
public static class PolicyEditorAnalysis
{
    public const string UnknownServiceCode = "UnknownService";
    public const string UnknownActionCode = "UnknownAction";
    public const string UnknownConditionKeyCode = "UnknownConditionKey";

    /// <summary>The parser's findings and the catalogue warnings, in source order.</summary>
    public static IReadOnlyList<PolicyFinding> Analyze(string document, PolicyKind kind, ServiceAuthorizationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(catalog);
        var parsed = PolicyParser.Parse(document, kind);
        var findings = new List<PolicyFinding>(parsed.Findings);
        if (!findings.Any(f => f.Code == "InvalidJson"))
        {
            findings.AddRange(CatalogFindings(document, catalog));
        }

        return findings
            .OrderBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ToList();
    }

    /// <summary>Unknown service prefixes, actions (also wildcards that match nothing) and condition keys, as warnings.</summary>
    public static IReadOnlyList<PolicyFinding> CatalogFindings(string document, ServiceAuthorizationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(catalog);
        var findings = new List<PolicyFinding>();
        var utf8 = Encoding.UTF8.GetBytes(document);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });

        // Each open container with the property it is the value of (arrays pass their name on to their items).
        var containers = new List<(string? Name, bool IsArray)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        if (containers.Count >= 2 && containers[^2] is { Name: "Condition", IsArray: false } && containers[^1] is { IsArray: false } && property is not null
                            && InStatement(containers) && !catalog.IsKnownConditionKey(property))
                        {
                            var (line, column) = Position(utf8, (int)reader.TokenStartIndex);
                            findings.Add(new PolicyFinding(FindingSeverity.Warning, line, column, "$.Statement.Condition." + containers[^1].Name, UnknownConditionKeyCode,
                                $"Condition key \"{property}\" is not in AWS's service authorization reference. Check the spelling (e.g. aws:SourceIp, aws:PrincipalTag/<key>, s3:prefix); an unknown key is never present, so the condition never matches."));
                        }

                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        containers.Add((ValueName(containers, property), reader.TokenType == JsonTokenType.StartArray));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        if (containers.Count > 0)
                        {
                            containers.RemoveAt(containers.Count - 1);
                        }

                        property = null;
                        break;
                    case JsonTokenType.String:
                        var name = ValueName(containers, property);
                        property = null;
                        if (name is "Action" or "NotAction" && InStatement(containers) && reader.GetString() is { } action
                            && CheckAction(action, catalog) is { } problem)
                        {
                            var (line, column) = Position(utf8, (int)reader.TokenStartIndex);
                            findings.Add(new PolicyFinding(FindingSeverity.Warning, line, column, "$.Statement." + name, problem.Code, problem.Message));
                        }

                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The parser reports the syntax error with its position; the catalogue checks stop here.
        }

        return findings;
    }

    private static bool InStatement(List<(string? Name, bool IsArray)> containers) =>
        containers.Exists(c => c.Name == "Statement");

    private static string? ValueName(List<(string? Name, bool IsArray)> containers, string? property) =>
        property ?? (containers.Count > 0 && containers[^1].IsArray ? containers[^1].Name : null);

    private static (string Code, string Message)? CheckAction(string action, ServiceAuthorizationCatalog catalog)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (action == "*" || colon <= 0)
        {
            return null; // "*" is fine; a malformed action is the parser's error.
        }

        var prefix = action[..colon];
        if (WildcardPattern.HasWildcards(prefix))
        {
            return null;
        }

        var service = catalog.FindService(prefix);
        if (service is null)
        {
            return (UnknownServiceCode, $"Service prefix \"{prefix}\" in \"{action}\" is not in AWS's service authorization reference. Check the spelling (e.g. s3, ec2, iam, dynamodb).");
        }

        var name = action[(colon + 1)..];
        if (WildcardPattern.HasWildcards(name))
        {
            return catalog.MatchesAnyAction(action)
                ? null
                : (UnknownActionCode, $"\"{action}\" matches no action of {service.Name}. Check the spelling of the pattern.");
        }

        if (catalog.IsKnownAction(action))
        {
            return null;
        }

        var suggestion = ClosestAction(service, name);
        return (UnknownActionCode, $"Action \"{action}\" is not an action of {service.Name}.{(suggestion is null ? " Check the spelling." : $" Did you mean {suggestion}?")}");
    }

    private static string? ClosestAction(ServiceInfo service, string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in service.Actions)
        {
            var distance = Distance(name.ToUpperInvariant(), candidate.Name.ToUpperInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate.FullName;
            }
        }

        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>1-based line and column (characters) of a UTF-8 byte offset, as the parser reports them.</summary>
    private static (int Line, int Column) Position(byte[] utf8, int offset)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset && i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                column = 1;
            }
            else if ((utf8[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }

    /// <summary>The character offset of a 1-based line and column in <paramref name="text"/> (clamped to the text).</summary>
    public static int OffsetOf(string text, int line, int column)
    {
        ArgumentNullException.ThrowIfNull(text);
        var offset = 0;
        for (var current = 1; current < line && offset < text.Length; offset++)
        {
            if (text[offset] == '\n')
            {
                current++;
            }
        }

        return Math.Clamp(offset + Math.Max(column, 1) - 1, 0, text.Length);
    }

    /// <summary>
    /// The token being typed at <paramref name="caret"/>: the characters of an action or condition key
    /// (letters, digits, <c>: * ? _ - / . $ { }</c>) just before the caret, and where it starts.
    /// </summary>
    public static (string Token, int Start) TokenAt(string text, int caret)
    {
        ArgumentNullException.ThrowIfNull(text);
        caret = Math.Clamp(caret, 0, text.Length);
        var start = caret;
        while (start > 0 && IsTokenChar(text[start - 1]))
        {
            start--;
        }

        return (text[start..caret], start);
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ':' or '*' or '?' or '_' or '-' or '/' or '.' or '$' or '{' or '}';

    /// <summary>Actions (or service prefixes) and condition keys that complete <paramref name="token"/>; nothing for an empty token.</summary>
    public static (IReadOnlyList<string> Actions, IReadOnlyList<string> ConditionKeys) Complete(string token, ServiceAuthorizationCatalog catalog, int max = 12)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (string.IsNullOrEmpty(token) || token.Length < 2)
        {
            return ([], []);
        }

        var actions = catalog.CompleteActions(token, max);
        var keys = token.Contains(':', StringComparison.Ordinal)
            ? catalog.CompleteConditionKeys(token, max).Select(k => k.Key).ToList()
            : [];
        return (actions, keys);
    }

    /// <summary>The document re-indented with four spaces (key order and values kept); null with a message when it is not JSON.</summary>
    public static string? Format(string document, out string? error)
    {
        ArgumentNullException.ThrowIfNull(document);
        error = null;
        try
        {
            using var parsed = JsonDocument.Parse(document, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                parsed.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } l ? $"Line {(l + 1).ToString(CultureInfo.InvariantCulture)}, column {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}: " : "";
            error = $"{where}the document is not valid JSON, so it cannot be formatted. Fix the syntax error first.";
            return null;
        }
    }
}
