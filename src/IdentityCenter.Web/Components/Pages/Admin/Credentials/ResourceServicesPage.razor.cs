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
    private bool _allowBareTokens;
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

    /// <summary>Registering a service: errors next to the name and description.</summary>
    [Inject]
    private OperationState Register { get; set; } = default!;

    /// <summary>Changing or deleting a registered service: errors above the table.</summary>
    [Inject]
    private OperationState Change { get; set; } = default!;

    private static readonly string[] RegisterFields = ["name", "description"];

    protected override Task OnInitializedAsync() => Change.TryAsync(ReloadAsync);

    private async Task ReloadAsync() => _services = await Registry.ListAsync();

    private async Task RegisterAsync()
    {
        var (name, description, allow) = (_name ?? "", _description, _allowBareTokens);
        if (await Register.RunAsync(async () => await Registry.RegisterAsync(name, description, allow, await CurrentActor.GetAsync())) is not { Value: { } registered })
        {
            return;
        }

        _newKey = registered;
        _name = _description = null;
        _allowBareTokens = false;
        _formGeneration++;
        await Register.RefreshAsync(ReloadAsync);
    }

    private Task CopyKeyAsync() => _newKey is null ? Task.CompletedTask : Clipboard.CopyAsync(JS, Snackbar, _newKey.ApiKey);

    private async Task SetBareTokensAsync(ResourceService service, bool allow)
    {
        if (await Change.RunAsync(async () => await Registry.SetAllowBareTokensAsync(service.Id, allow, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add(allow ? $"\"{service.Name}\" may check bare tokens." : $"\"{service.Name}\" must forward signed requests.", Severity.Success);
            await Change.RefreshAsync(ReloadAsync);
        }
    }

    private async Task DeleteAsync(ResourceService service)
    {
        if (!await Dialogs.ConfirmAsync("Delete resource service", $"Delete \"{service.Name}\"? Its API key stops working at once.", "Delete"))
        {
            return;
        }

        if (await Change.RunAsync(async () => await Registry.DeleteAsync(service.Id, await CurrentActor.GetAsync())) is null)
        {
            return;
        }

        Snackbar.Add($"Deleted \"{service.Name}\".", Severity.Success);
        if (_newKey?.Service.Id == service.Id)
        {
            _newKey = null;
        }

        await Change.RefreshAsync(ReloadAsync);
    }
}
