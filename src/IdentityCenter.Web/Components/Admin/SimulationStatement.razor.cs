using IdentityCenter.Core.Policies.Evaluation;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>A statement that matched a simulated request; JSON longer than <see cref="FoldAfterLines"/> lines is shown on demand.</summary>
public partial class SimulationStatement
{
    /// <summary>Longer statements (an AWS managed policy's can list hundreds of actions) start folded.</summary>
    public const int FoldAfterLines = 15;

    private bool _expanded;

    [Parameter, EditorRequired]
    public StatementTrace Statement { get; set; } = default!;

    [Parameter]
    public bool Deciding { get; set; }

    /// <summary>The statement's JSON, indented; null when the policy document is not at hand.</summary>
    [Parameter]
    public string? Json { get; set; }

    private int Lines => Json is null ? 0 : Json.AsSpan().Count('\n') + 1;

    private bool IsLong => Lines > FoldAfterLines;

    private bool ShowJson => !IsLong || _expanded;

    private string RoleText => Statement.Role switch
    {
        StatementRole.Allows => "matches and allows",
        StatementRole.Denies => "matches and denies",
        _ => "matches, but its conditions do not hold",
    };
}
