using System.Text.Json;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Core.Policies.Evaluation;

/// <summary>
/// What STS <c>DecodeAuthorizationMessage</c> tells about one denied (or allowed) request, in AWS's decoded-message
/// model: the decision, the statements that matched (with the policy that holds each), and the request context
/// (principal, action, resource, condition keys). Built from the evaluator's <see cref="Explanation"/> by
/// <see cref="AuthorizationMessageMapper"/>, written by <see cref="AuthorizationMessageJson"/>.
/// </summary>
public sealed record AuthorizationMessage(
    bool Allowed,
    bool ExplicitDeny,
    IReadOnlyList<MatchedStatement> MatchedStatements,
    AuthorizationMessageContext Context,
    Explanation Explanation);

/// <summary>
/// A statement whose action, resource and principal matched the request (an Allow or a Deny), with the policy that
/// holds it. <see cref="StatementId"/> is the Sid, or "#index" (0-based) when the statement has none.
/// </summary>
public sealed record MatchedStatement(
    PolicyType PolicyType,
    int? Level,
    string PolicyName,
    string StatementId,
    Effect Effect,
    IReadOnlyList<string> Principals,
    IReadOnlyList<string> Actions,
    bool IsNotAction,
    IReadOnlyList<string> Resources,
    bool IsNotResource,
    IReadOnlyList<PolicyCondition> Conditions);

/// <summary>The request as evaluated: principal (unique id and ARN), action, resource and every condition key with its values.</summary>
public sealed record AuthorizationMessageContext(
    string PrincipalId,
    string PrincipalArn,
    string Action,
    string Resource,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Conditions);

/// <summary>Maps the evaluator's explanation of one request to the <see cref="AuthorizationMessage"/> model. Pure.</summary>
public static class AuthorizationMessageMapper
{
    /// <summary>
    /// The message for <paramref name="request"/>, evaluated against <paramref name="policies"/> with the result
    /// <paramref name="explanation"/> (evaluate with <c>explain: true</c>). <paramref name="principalId"/> is the
    /// principal's unique id as AWS reports it (<c>aws:userid</c>, e.g. <c>AROA…:session</c>). Only this request's
    /// own facts go in: its principal, action, resource, context keys and the statements that matched it.
    /// </summary>
    public static AuthorizationMessage Map(AuthorizationRequest request, PolicySet policies, Explanation explanation, string principalId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(principalId);

        // A statement without a Principal element (identity policies, SCPs, boundaries) applies to the principal
        // whose policy it is: AWS lists that principal's unique id (the part before the session name).
        var colon = principalId.IndexOf(':', StringComparison.Ordinal);
        var principalUniqueId = colon > 0 ? principalId[..colon] : principalId;
        // An explicit deny is explained by its Deny statements (as AWS lists them); any other decision by the Allow
        // statements that matched (for an implicit deny: the grants that a guardrail, boundary or missing trust capped).
        // Near misses (conditions not met) are in the explanation.
        var role = explanation.Decision == Decision.ExplicitDeny ? StatementRole.Denies : StatementRole.Allows;
        var matched = new List<MatchedStatement>();
        foreach (var trace in explanation.Statements)
        {
            if (trace.Role != role)
            {
                continue;
            }

            var statement = Find(policies, trace);
            matched.Add(statement is null
                ? new MatchedStatement(trace.PolicyType, trace.Level, trace.PolicyName, trace.Statement, trace.Effect, [principalUniqueId], [], false, [], false, [])
                : new MatchedStatement(
                    trace.PolicyType,
                    trace.Level,
                    trace.PolicyName,
                    trace.Statement,
                    trace.Effect,
                    Principals(statement, principalUniqueId),
                    statement.Actions,
                    statement.IsNotAction,
                    statement.Resources,
                    statement.IsNotResource,
                    statement.Conditions));
        }

        var conditions = request.Context
            .OrderBy(entry => entry.Key, StringComparer.OrdinalIgnoreCase)
            .Select(entry => new KeyValuePair<string, IReadOnlyList<string>>(entry.Key, Values(entry.Value)))
            .ToList();
        return new AuthorizationMessage(
            explanation.Decision == Decision.Allow,
            explanation.Decision == Decision.ExplicitDeny,
            matched,
            new AuthorizationMessageContext(principalId, request.Principal, request.Action, request.Resource, conditions),
            explanation);
    }

    private static PolicyStatement? Find(PolicySet policies, StatementTrace trace)
    {
        IEnumerable<CompiledPolicy> candidates = trace.PolicyType switch
        {
            PolicyType.ServiceControlPolicy => Level(policies.ServiceControlLevels, trace.Level),
            PolicyType.ResourceControlPolicy => Level(policies.ResourceControlLevels, trace.Level),
            PolicyType.ResourcePolicy => policies.Resource is { } resource ? [resource] : [],
            PolicyType.IdentityPolicy => policies.Identity,
            PolicyType.PermissionsBoundary => policies.PermissionsBoundary ?? [],
            _ => policies.SessionPolicies ?? [],
        };
        foreach (var policy in candidates)
        {
            var statements = policy.Document.Statements;
            if (policy.Name == trace.PolicyName && trace.Index >= 0 && trace.Index < statements.Length
                && statements[trace.Index].Sid == trace.Sid && statements[trace.Index].Effect == trace.Effect)
            {
                return statements[trace.Index];
            }
        }

        return null;
    }

    private static CompiledPolicy[] Level(IReadOnlyList<CompiledPolicy[]>? levels, int? level) =>
        levels is not null && level is { } index && index >= 0 && index < levels.Count ? levels[index] : [];

    private static IReadOnlyList<string> Principals(PolicyStatement statement, string principalUniqueId) =>
        statement.Principal switch
        {
            null => [principalUniqueId],
            { IsWildcard: true } => ["*"],
            { } element => [.. element.Aws, .. element.Service, .. element.Federated, .. element.CanonicalUser],
        };

    private static string[] Values(ContextValue value)
    {
        var values = new string[value.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value[i];
        }

        return values;
    }
}

/// <summary>How much of a message to write: messages are sealed into at most 10,240 characters (STS's limit), so a large one is written with less.</summary>
public enum AuthorizationMessageDetail
{
    /// <summary>Everything, with the evaluator's explanation as the <c>explanation</c> extension.</summary>
    Full,

    /// <summary>Without the <c>explanation</c> extension and the statements' conditions.</summary>
    Compact,

    /// <summary>At most three matched statements, without conditions or request context keys.</summary>
    Minimal,
}

/// <summary>
/// The one JSON shape of a decoded authorization message, as AWS's DecodeAuthorizationMessage returns it:
/// <c>{"allowed","explicitDeny","matchedStatements":{"items":[{"statementId","effect":"ALLOW|DENY","principals":{"items":[{"value"}]},
/// "principalGroups":{"items":[]},"actions":{"items":[{"value"}]},"resources":{"items":[{"value"}]},"conditions":{"items":[{"key","operator","values":{"items":[{"value"}]}}]}}]},
/// "failures":{"items":[]},"context":{"principal":{"id","arn"},"action","resource","conditions":{"items":[{"key","values":{"items":[{"value"}]}}]}}}</c>.
/// IdentityCenter adds, per matched statement, the policy that holds it (<c>policyType</c>, <c>level</c>?, <c>policyName</c>)
/// and <c>notActions</c>/<c>notResources</c> for NotAction/NotResource statements, and at the top the evaluator's
/// <c>explanation</c> (the shape of <see cref="ExplanationJson"/>: <c>decidedBy</c>, <c>reason</c>, steps, near misses).
/// </summary>
public static class AuthorizationMessageJson
{
    private const int MinimalStatements = 3;

    public static string Write(AuthorizationMessage message, AuthorizationMessageDetail detail = AuthorizationMessageDetail.Full)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, message, detail);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter writer, AuthorizationMessage message, AuthorizationMessageDetail detail = AuthorizationMessageDetail.Full)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        writer.WriteStartObject();
        writer.WriteBoolean("allowed", message.Allowed);
        writer.WriteBoolean("explicitDeny", message.ExplicitDeny);
        writer.WriteStartObject("matchedStatements");
        writer.WriteStartArray("items");
        var statements = detail == AuthorizationMessageDetail.Minimal ? message.MatchedStatements.Take(MinimalStatements) : message.MatchedStatements;
        foreach (var statement in statements)
        {
            writer.WriteStartObject();
            writer.WriteString("statementId", statement.StatementId);
            writer.WriteString("effect", statement.Effect == Effect.Deny ? "DENY" : "ALLOW");
            Values(writer, "principals", statement.Principals);
            Values(writer, "principalGroups", []);
            Values(writer, statement.IsNotAction ? "notActions" : "actions", statement.Actions);
            Values(writer, statement.IsNotResource ? "notResources" : "resources", statement.Resources);
            writer.WriteStartObject("conditions");
            writer.WriteStartArray("items");
            if (detail == AuthorizationMessageDetail.Full)
            {
                foreach (var condition in statement.Conditions)
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", condition.Key);
                    writer.WriteString("operator", condition.Operator);
                    Values(writer, "values", condition.Values);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteString("policyType", ExplanationJson.Name(statement.PolicyType));
            if (statement.Level is { } level)
            {
                writer.WriteNumber("level", level);
            }

            writer.WriteString("policyName", statement.PolicyName);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteStartObject("failures");
        writer.WriteStartArray("items");
        writer.WriteEndArray();
        writer.WriteEndObject();

        var context = message.Context;
        writer.WriteStartObject("context");
        writer.WriteStartObject("principal");
        writer.WriteString("id", context.PrincipalId);
        writer.WriteString("arn", context.PrincipalArn);
        writer.WriteEndObject();
        writer.WriteString("action", context.Action);
        writer.WriteString("resource", context.Resource);
        writer.WriteStartObject("conditions");
        writer.WriteStartArray("items");
        if (detail != AuthorizationMessageDetail.Minimal)
        {
            foreach (var (key, values) in context.Conditions)
            {
                writer.WriteStartObject();
                writer.WriteString("key", key);
                Values(writer, "values", values);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        if (detail == AuthorizationMessageDetail.Full)
        {
            writer.WritePropertyName("explanation");
            ExplanationJson.Write(writer, message.Explanation);
        }

        writer.WriteEndObject();
    }

    /// <summary>AWS's list shape: <c>"name": {"items": [{"value": "…"}]}</c>.</summary>
    private static void Values(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartObject(name);
        writer.WriteStartArray("items");
        foreach (var value in values)
        {
            writer.WriteStartObject();
            writer.WriteString("value", value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
