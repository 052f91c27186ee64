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
    private bool _busy;
    private IReadOnlyList<FieldError> _errors = [];
    private string? _failure;

    [Inject]
    private IOrganizationService Organization { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ILogger<CreateOrganizationForm> Logger { get; set; } = default!;

    /// <summary>Called once the organization exists.</summary>
    [Parameter]
    public EventCallback Created { get; set; }

    private async Task SubmitAsync()
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _failure = null;
        try
        {
            var input = new OrganizationInput(_name?.Trim() ?? "", _email?.Trim() ?? "", string.IsNullOrWhiteSpace(_accountId) ? null : _accountId.Trim());
            var result = await Organization.CreateOrganizationAsync(input, await CurrentActor.GetAsync());
            _errors = result.Errors;
            if (result.Succeeded)
            {
                await Created.InvokeAsync();
            }
        }
        catch (Exception ex) when (AdminErrors.IsInfrastructure(ex))
        {
            _failure = AdminErrors.Report(ex, Logger).Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
