using IdentityCenter.Core.Audit;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>The recent activity section of a user's page (<c>UserRecentActivity.razor</c>): read only.</summary>
public partial class UserRecentActivity
{
    /// <summary>How many of the latest events the page loads.</summary>
    public const int EventCount = 15;

    /// <summary>The user's name, for the link to the audit log filtered to them.</summary>
    [Parameter, EditorRequired]
    public string UserName { get; set; } = "";

    /// <summary>The user's latest events, newest first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<AuditEvent> Events { get; set; } = [];

    private string AuditLink => $"/admin/audit?user={Uri.EscapeDataString(UserName)}";

    private static string Outcome(AuditEvent e) => e.Outcome == AuditOutcome.Success ? "Success" : $"Failure ({e.ErrorCode})";
}
