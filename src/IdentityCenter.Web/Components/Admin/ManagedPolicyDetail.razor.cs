using IdentityCenter.Core.Catalog;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Admin;

/// <summary>An AWS managed policy's facts: ARN, description, versions, and the services and access levels it grants.</summary>
public partial class ManagedPolicyDetail
{
    [Parameter, EditorRequired]
    public ManagedPolicy Policy { get; set; } = default!;

    [Parameter]
    public ManagedPolicyCatalog Catalog { get; set; } = ManagedPolicyCatalog.Default;

    private IReadOnlyList<ServiceAccessSummary> Services => Catalog.ServiceAccessOf(Policy);

    private static string Date(DateTimeOffset? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>The access levels in AWS's words (List, Read, Write, Permissions management, Tagging).</summary>
    public static string Levels(ActionAccessLevel levels)
    {
        var names = new List<string>(5);
        if (levels.HasFlag(ActionAccessLevel.List)) names.Add("List");
        if (levels.HasFlag(ActionAccessLevel.Read)) names.Add("Read");
        if (levels.HasFlag(ActionAccessLevel.Write)) names.Add("Write");
        if (levels.HasFlag(ActionAccessLevel.PermissionsManagement)) names.Add("Permissions management");
        if (levels.HasFlag(ActionAccessLevel.Tagging)) names.Add("Tagging");
        return string.Join(", ", names);
    }

    private static string Access(ServiceAccessSummary service) =>
        service.IsFullAccess ? "Full access" : $"Limited: {Levels(service.AccessLevels)}";
}
