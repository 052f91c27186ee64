using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Groups;

/// <summary>
/// The logic of <c>CreateGroupDialog.razor</c>: checks the name with <see cref="DirectoryNames"/> (the service's rule),
/// creates the group through <see cref="IGroupDirectoryService"/> when the console's access allows it and opens it.
/// </summary>
public partial class CreateGroupDialog
{
    private static readonly string[] KnownFields = ["DisplayName", "Description"];

    private string? _name;
    private string? _description;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IGroupDirectoryService Groups { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ConsoleAccess Access { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private OperationState Create { get; set; } = default!;

    private async Task CreateAsync()
    {
        var input = new GroupInput(_name?.Trim() ?? "", string.IsNullOrWhiteSpace(_description) ? null : _description.Trim());
        if (Create.Busy || !Create.Check(DirectoryNames.ValidateGroupName(input.DisplayName)))
        {
            return;
        }

        var result = await Create.RunAsync(async () =>
        {
            var decision = await Access.AuthorizeAsync(ConsoleActions.CreateGroup);
            return decision.IsAllowed
                ? await Groups.CreateGroupAsync(input, await CurrentActor.GetAsync())
                : OperationResult.Forbidden(decision.AccessDeniedMessage).As<GroupDetail>();
        });
        if (result?.Value is { } group)
        {
            Snackbar.Add($"Group {group.DisplayName} created.", Severity.Success);
            Dialog.Close(DialogResult.Ok(group));
            Navigation.NavigateTo($"/admin/groups/{Uri.EscapeDataString(group.Id)}");
        }
    }
}
