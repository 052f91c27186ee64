using System.Text.Encodings.Web;
using System.Text.Json;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>The simulator's answer; the evaluation steps and other matching statements of a decision open on demand.</summary>
public partial class SimulationResultView
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HashSet<string> _details = new(StringComparer.Ordinal);

    [Parameter, EditorRequired]
    public SimulationResult Result { get; set; } = default!;

    /// <summary>The statements that decided: the matching Deny for an explicit deny, the matching Allows for an allow.</summary>
    private static bool IsDeciding(SimulationDecision decision, StatementTrace statement) => decision.Decision switch
    {
        Decision.ExplicitDeny => statement.Role == StatementRole.Denies,
        Decision.Allow => statement.Role == StatementRole.Allows && statement.PolicyType is PolicyType.IdentityPolicy or PolicyType.ResourcePolicy,
        _ => false,
    };

    private static string? StatementJson(SimulatedRole role, StatementTrace statement)
    {
        var policy = role.Policies.FirstOrDefault(p => p.PolicyType == statement.PolicyType && p.Level == statement.Level && p.Name == statement.PolicyName)
            ?? role.Policies.FirstOrDefault(p => p.PolicyType == statement.PolicyType && p.Name == statement.PolicyName);
        if (policy is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(policy.Document);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
            {
                return null;
            }

            var element = statements.ValueKind switch
            {
                JsonValueKind.Array when statement.Index >= 0 && statement.Index < statements.GetArrayLength() => statements[statement.Index],
                JsonValueKind.Object => statements,
                _ => default,
            };
            return element.ValueKind == JsonValueKind.Undefined ? null : JsonSerializer.Serialize(element, Pretty);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string StepName(PolicyType type, int? level) => type switch
    {
        PolicyType.ServiceControlPolicy => level is { } l ? $"SCPs, level {l}{(l == 0 ? " (root)" : "")}" : "SCPs",
        PolicyType.ResourceControlPolicy => level is { } l ? $"RCPs, level {l}{(l == 0 ? " (root)" : "")}" : "RCPs",
        PolicyType.ResourcePolicy => "Resource policy",
        PolicyType.IdentityPolicy => "Identity policies",
        PolicyType.PermissionsBoundary => "Permissions boundary",
        PolicyType.SessionPolicy => "Session policy",
        _ => type.ToString(),
    };

    private static string OutcomeText(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Allows => "allows",
        StepOutcome.Denies => "explicitly denies",
        StepOutcome.NoAllow => "does not allow",
        _ => "not present",
    };

    private static Color OutcomeColor(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Allows => Color.Success,
        StepOutcome.Denies => Color.Error,
        StepOutcome.NoAllow => Color.Warning,
        _ => Color.Default,
    };

    public static string DecisionText(Decision decision) => decision switch
    {
        Decision.Allow => "Allowed",
        Decision.ExplicitDeny => "Explicitly denied",
        Decision.ImplicitDeny => "Implicitly denied",
        _ => "Error",
    };

    private static Color DecisionColor(Decision decision) => decision switch
    {
        Decision.Allow => Color.Success,
        Decision.Error => Color.Warning,
        _ => Color.Error,
    };

    private static string DetailsKey(SimulatedRole role, SimulationDecision decision) => $"{role.PrincipalArn}|{decision.Action}|{decision.Resource}";

    private static void Toggle(HashSet<string> set, string key)
    {
        if (!set.Remove(key))
        {
            set.Add(key);
        }
    }
}
