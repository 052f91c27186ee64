using IdentityCenter.Core;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;

namespace IdentityCenter.Web.Components.Pages.Admin.Organization;

/// <summary>The logic of <c>CreateOrganizationForm.razor</c>: one call to <see cref="IOrganizationService.CreateOrganizationAsync"/>.</summary>
public partial class CreateOrganizationForm
{
    private static readonly string[] Fields = ["ManagementAccountName", "ManagementAccountEmail", "ManagementAccountId"];

    private string? _name;
    private string? _email;
    private string? _accountId;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>Called once the organization exists.</summary>
    [Parameter]
    public EventCallback Created { get; set; }

    private async Task SubmitAsync()
    {
        var input = new OrganizationInput(_name?.Trim() ?? "", _email?.Trim() ?? "", string.IsNullOrWhiteSpace(_accountId) ? null : _accountId.Trim());
        if (await Save.RunAsync(async () => await Organization.CreateOrganizationAsync(input, await CurrentActor.GetAsync())) is not null)
        {
            await Created.InvokeAsync();
        }
    }
}
