using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;

namespace IdentityCenter.Web.Components.Pages.Admin.Assignments;

/// <summary>A user or group chosen in the wizard, with the name shown on its chip.</summary>
public sealed record ChosenPrincipal(PrincipalType Type, string Id, string Name);

/// <summary>
/// What the assignment wizard has chosen so far, shared by the page and its steps (<see cref="AssignmentAccountsStep"/>,
/// <see cref="AssignmentPrincipalsStep"/>, <see cref="AssignmentPermissionSetsStep"/>, <see cref="AssignmentReviewStep"/>),
/// which edit it in place: moving between the steps keeps every choice. It holds no rule of its own: the service plans
/// and checks the combinations (<see cref="IAssignmentService.PlanAsync"/>).
/// </summary>
public sealed class AssignmentSelection
{
    /// <summary>The wizard's steps, in order; the last one reviews and creates.</summary>
    public static readonly IReadOnlyList<string> StepTitles = ["Select AWS accounts", "Select users and groups", "Select permission sets", "Review and submit"];

    /// <summary>The index of the review step.</summary>
    public static int ReviewStep => StepTitles.Count - 1;

    public HashSet<string> AccountIds { get; } = new(StringComparer.Ordinal);

    public HashSet<string> PermissionSetIds { get; } = new(StringComparer.Ordinal);

    public List<ChosenPrincipal> Principals { get; } = [];

    /// <summary>The chosen principals as the service takes them.</summary>
    public IReadOnlyCollection<(PrincipalType Type, string Id)> PrincipalKeys => [.. Principals.Select(p => (p.Type, p.Id))];

    /// <summary>True when the user or group is chosen already.</summary>
    public bool IsChosen(PrincipalType type, string id) => Principals.Exists(p => p.Type == type && p.Id == id);

    /// <summary>Adds a user or group (once).</summary>
    public void Choose(PrincipalType type, string id, string name)
    {
        if (!IsChosen(type, id))
        {
            Principals.Add(new ChosenPrincipal(type, id, name));
        }
    }

    /// <summary>Adds <paramref name="id"/> to <paramref name="set"/> when <paramref name="on"/>, removes it otherwise (a check box).</summary>
    public static void Toggle(HashSet<string> set, string id, bool on)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (on)
        {
            set.Add(id);
        }
        else
        {
            set.Remove(id);
        }
    }

    /// <summary>What step <paramref name="step"/> still needs before the wizard moves on, or null when nothing.</summary>
    public string? MissingAt(int step) => step switch
    {
        0 when AccountIds.Count == 0 => "Select at least one account.",
        1 when Principals.Count == 0 => "Add at least one user or group.",
        2 when PermissionSetIds.Count == 0 => "Select at least one permission set.",
        _ => null,
    };
}
