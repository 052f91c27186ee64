using System.Text.Json;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// The one JSON shape of an <see cref="Explanation"/>, written by the CLI's <c>evaluate --explain</c> and by
/// <c>/api/authorize</c> with <c>"explain": true</c>: <c>{"decidedBy": "scp|rcp|resource|identity|boundary|session",
/// "reason", "steps": [{"policyType", "level"?, "outcome", "detail"}], "statements": [{"policyType", "level"?,
/// "policy", "sid"?, "index", "effect", "role", "principalMatch"?, "missingContextKeys"?}], "missingContextKeys"}</c>.
/// </summary>
public static class ExplanationJson
{
    public static void Write(Utf8JsonWriter writer, Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(explanation);
        writer.WriteStartObject();
        writer.WriteString("decidedBy", explanation.DecidedBy is { } type ? Name(type) : null);
        writer.WriteString("reason", explanation.Reason);
        writer.WriteStartArray("steps");
        foreach (var step in explanation.Steps)
        {
            writer.WriteStartObject();
            writer.WriteString("policyType", Name(step.PolicyType));
            if (step.Level is { } level)
            {
                writer.WriteNumber("level", level);
            }

            writer.WriteString("outcome", Camel(step.Outcome.ToString()));
            writer.WriteString("detail", step.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("statements");
        foreach (var statement in explanation.Statements)
        {
            writer.WriteStartObject();
            writer.WriteString("policyType", Name(statement.PolicyType));
            if (statement.Level is { } level)
            {
                writer.WriteNumber("level", level);
            }

            writer.WriteString("policy", statement.PolicyName);
            if (statement.Sid is not null)
            {
                writer.WriteString("sid", statement.Sid);
            }

            writer.WriteNumber("index", statement.Index);
            writer.WriteString("effect", statement.Effect.ToString());
            writer.WriteString("role", Camel(statement.Role.ToString()));
            if (statement.PrincipalMatch is { } match)
            {
                writer.WriteString("principalMatch", Camel(match.ToString()));
            }

            if (statement.MissingContextKeys.Count > 0)
            {
                writer.WriteStartArray("missingContextKeys");
                foreach (var key in statement.MissingContextKeys)
                {
                    writer.WriteStringValue(key);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("missingContextKeys");
        foreach (var key in explanation.MissingContextKeys)
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string Name(PolicyType type) => type switch
    {
        PolicyType.ServiceControlPolicy => "scp",
        PolicyType.ResourceControlPolicy => "rcp",
        PolicyType.ResourcePolicy => "resource",
        PolicyType.IdentityPolicy => "identity",
        PolicyType.PermissionsBoundary => "boundary",
        _ => "session",
    };

    private static string Camel(string text) => string.Concat(text[..1].ToLowerInvariant(), text.AsSpan(1));
}
