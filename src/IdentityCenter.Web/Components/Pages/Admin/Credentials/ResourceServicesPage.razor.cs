using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Shared;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Credentials;

/// <summary>Registers resource services (the API key shown once, with a copy button), sets their bare-token switch, deletes them after a confirmation.</summary>
public partial class ResourceServicesPage
{
    private IReadOnlyList<ResourceService>? _services;
    private RegisteredResourceService? _newKey;
    private string? _name;
    private string? _description;
    private string? _nameError;
    private bool _allowBareTokens;
    private bool _busy;
    private int _formGeneration;

    [Inject]
    private ResourceServiceRegistry Registry { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _services = await Registry.ListAsync();

    private async Task RegisterAsync()
    {
        _busy = true;
        try
        {
            var result = await Registry.RegisterAsync(_name ?? "", _description, _allowBareTokens, await CurrentActor.GetAsync());
            if (!result.Succeeded || result.Value is null)
            {
                _nameError = result.Summary;
                return;
            }

            _nameError = null;
            _newKey = result.Value;
            _name = _description = null;
            _allowBareTokens = false;
            _formGeneration++;
            _services = await Registry.ListAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private Task CopyKeyAsync() => _newKey is null ? Task.CompletedTask : Clipboard.CopyAsync(JS, Snackbar, _newKey.ApiKey);

    private async Task SetBareTokensAsync(ResourceService service, bool allow)
    {
        var result = await Registry.SetAllowBareTokensAsync(service.Id, allow, await CurrentActor.GetAsync());
        Snackbar.Add(
            !result.Succeeded ? result.Summary
            : allow ? $"\"{service.Name}\" may check bare tokens." : $"\"{service.Name}\" must forward signed requests.",
            result.Succeeded ? Severity.Success : Severity.Error);
        _services = await Registry.ListAsync();
    }

    private async Task DeleteAsync(ResourceService service)
    {
        if (!await Dialogs.ConfirmAsync("Delete resource service", $"Delete \"{service.Name}\"? Its API key stops working at once.", "Delete"))
        {
            return;
        }

        var result = await Registry.DeleteAsync(service.Id, await CurrentActor.GetAsync());
        Snackbar.Add(result.Succeeded ? $"Deleted \"{service.Name}\"." : result.Summary, result.Succeeded ? Severity.Success : Severity.Error);
        if (_newKey?.Service.Id == service.Id)
        {
            _newKey = null;
        }

        _services = await Registry.ListAsync();
    }
}
