using IdentityCenter.Core.Assignments;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Access;

/// <summary>
/// The logic of <c>AccessControlAttributesPage.razor</c>: the attributes as rows of key and user attribute path, checked
/// with <see cref="AccessControlAttributeMapper.Validate"/> (the rule the service applies, so its errors land next to the
/// same rows) and saved through <see cref="IAccessControlAttributeService"/>.
/// </summary>
public partial class AccessControlAttributesPage
{
    private const int MaxAttributes = AccessControlAttributeMapper.MaxAttributes;

    private readonly List<Row> _rows = [];

    [Inject]
    private IAccessControlAttributeService Attributes { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private OperationState Save { get; set; } = default!;

    /// <summary>Loading the attributes: the failure shows above the form.</summary>
    [Inject]
    private OperationState Load { get; set; } = default!;

    /// <summary>The errors shown next to a row's key or attribute (the others show above the buttons).</summary>
    private IReadOnlyCollection<string> RowFields => Save.Errors.Select(e => e.Field)
        .Where(f => f.StartsWith("AccessControlAttributes[", StringComparison.Ordinal)).ToHashSet();

    protected override async Task OnInitializedAsync() =>
        await Load.TryAsync(async () =>
        {
            foreach (var attribute in await Attributes.GetAttributesAsync())
            {
                _rows.Add(new Row { Key = attribute.Key, Path = PathOf(attribute.Source) });
            }
        }, unavailable: "The attributes could not be loaded. Try again in a moment.");

    private static string PathOf(string source) => AccessControlAttributeMapper.TryGetPath(source, out var path) ? path : source;

    private static string SourceOf(string? path)
    {
        var trimmed = path?.Trim() ?? "";
        return trimmed.Length == 0 || trimmed.StartsWith("${path:", StringComparison.Ordinal) ? trimmed : "${path:" + trimmed + "}";
    }

    private async Task SaveAsync()
    {
        var attributes = _rows.Select(r => new AccessControlAttribute(r.Key?.Trim() ?? "", SourceOf(r.Path))).ToList();
        if (Save.Busy || !Save.Check(AccessControlAttributeMapper.Validate(attributes)))
        {
            return;
        }

        if (await Save.RunAsync(async () => await Attributes.PutAttributesAsync(attributes, await CurrentActor.GetAsync())) is not null)
        {
            Snackbar.Add("Attributes saved. New sessions carry the tags.", Severity.Success);
        }
    }

    private sealed class Row
    {
        public string? Key { get; set; }

        public string? Path { get; set; }
    }
}
