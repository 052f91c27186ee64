using System.Text.Json;

namespace IdentityCenter.Core.Catalog;

/// <summary>What a policy grants in one service: the access levels of the actions it allows there.</summary>
public sealed record ServiceAccessSummary(string ServicePrefix, string ServiceName, ActionAccessLevel AccessLevels, int ActionCount, int ServiceActionCount)
{
    /// <summary>Whether every known action of the service is allowed.</summary>
    public bool IsFullAccess => ActionCount == ServiceActionCount;
}

/// <summary>
/// Summarises which services a policy document allows and at which access levels, as AWS's console
/// does in "Permissions defined in this policy": Allow statements' <c>Action</c> patterns are expanded
/// against the Service Authorization Reference, an Allow with <c>NotAction</c> counts as every known
/// action but those. Deny statements, conditions and resources are not considered (it is a summary,
/// not a decision; decisions are the evaluator's).
/// </summary>
public static class PolicyAccessSummarizer
{
    public static IReadOnlyList<ServiceAccessSummary> Summarize(string document, ServiceAuthorizationCatalog services)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(services);
        using var json = JsonDocument.Parse(document);
        var allowed = new HashSet<ServiceAction>();
        if (!json.RootElement.TryGetProperty("Statement", out var statements))
        {
            return [];
        }

        foreach (var statement in statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray() : Enumerable.Repeat(statements, 1))
        {
            if (statement.ValueKind != JsonValueKind.Object
                || !statement.TryGetProperty("Effect", out var effect)
                || !string.Equals(effect.GetString(), "Allow", StringComparison.Ordinal))
            {
                continue;
            }

            if (statement.TryGetProperty("Action", out var action))
            {
                foreach (var pattern in Patterns(action))
                {
                    allowed.UnionWith(services.MatchActions(pattern));
                }
            }
            else if (statement.TryGetProperty("NotAction", out var notAction))
            {
                var excluded = new HashSet<ServiceAction>(Patterns(notAction).SelectMany(p => services.MatchActions(p)));
                allowed.UnionWith(services.MatchActions("*").Where(a => !excluded.Contains(a)));
            }
        }

        return allowed
            .GroupBy(a => a.ServicePrefix, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var service = services.FindService(g.Key)!;
                var levels = g.Aggregate(ActionAccessLevel.None, (acc, a) => acc | a.AccessLevel);
                var known = service.Actions.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Count();
                return new ServiceAccessSummary(service.Prefix, service.Name, levels, g.DistinctBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Count(), known);
            })
            .OrderBy(s => s.ServicePrefix, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static IEnumerable<string> Patterns(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        _ => [],
    };
}
