using IdentityCenter.Core.Organizations;
using IdentityCenter.Infrastructure.Access;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>
/// The logic of <c>AttachedPoliciesPanel.razor</c>: which policies it lists and offers. Attaching and detaching are the
/// page's (<see cref="Attach"/>, <see cref="Detach"/>), which runs them and reloads.
/// </summary>
public partial class AttachedPoliciesPanel
{
    private static readonly OrganizationPolicyType[] PolicyTypes = [OrganizationPolicyType.ServiceControlPolicy, OrganizationPolicyType.ResourceControlPolicy];

    private string? _policyToAttach;
    private string? _target;

    /// <summary>The node the policies are attached to.</summary>
    [Parameter, EditorRequired]
    public string TargetId { get; set; } = "";

    [Parameter]
    public bool IsManagementAccount { get; set; }

    /// <summary>The policies attached directly to the node.</summary>
    [Parameter]
    public IReadOnlyList<OrganizationPolicyInfo> Attached { get; set; } = [];

    /// <summary>Every SCP and RCP of the organization.</summary>
    [Parameter]
    public IReadOnlyList<OrganizationPolicyInfo> AllPolicies { get; set; } = [];

    /// <summary>While a change runs: the buttons are disabled.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Attaches the chosen policy (its id) to the node.</summary>
    [Parameter]
    public EventCallback<string> Attach { get; set; }

    /// <summary>Detaches a policy from the node (after asking).</summary>
    [Parameter]
    public EventCallback<OrganizationPolicyInfo> Detach { get; set; }

    private IEnumerable<OrganizationPolicyInfo> Attachable => AllPolicies.Where(p => !Attached.Any(a => a.Id == p.Id));

    internal static string ShortType(OrganizationPolicyType type) => type == OrganizationPolicyType.ServiceControlPolicy ? "scp" : "rcp";

    private static string TypeTitle(OrganizationPolicyType type) =>
        type == OrganizationPolicyType.ServiceControlPolicy ? "Service control policies" : "Resource control policies";

    /// <summary>Another node starts with nothing chosen.</summary>
    protected override void OnParametersSet()
    {
        if (_target != TargetId)
        {
            _target = TargetId;
            _policyToAttach = null;
        }
    }

    private async Task AttachAsync()
    {
        var policyId = _policyToAttach;
        if (!string.IsNullOrEmpty(policyId))
        {
            _policyToAttach = null;
            await Attach.InvokeAsync(policyId);
        }
    }
}
