using System.Text;
using IdentityCenter.Infrastructure.EnvironmentExport;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Settings;

/// <summary>
/// <c>/admin/environment</c> (full administrators): export the environment as JSON or Terraform (file downloads), and import
/// a JSON document with a preview of what will be created, a confirmation, progress, and the problems with their JSON path.
/// All the work is <see cref="IEnvironmentExportService"/>'s and <see cref="ITerraformExporter"/>'s.
/// </summary>
public partial class EnvironmentPage
{
    /// <summary>Documents larger than this are refused before reading.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    private string _busyLabel = "";
    private double _progressPercent;
    private string? _fileError;
    private string? _fileName;
    private string? _json;
    private EnvironmentImportPreview? _preview;
    private EnvironmentImportResult? _result;
    private IReadOnlyList<FieldError> _errors = [];
    private (string Url, string FileName, Dictionary<string, object> Attributes)? _download;

    [Inject]
    private IEnvironmentExportService Environment { get; set; } = default!;

    [Inject]
    private ITerraformExporter Terraform { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>An export, a preview or an import: busy state and the failure shown above the progress.</summary>
    [Inject]
    private OperationState Work { get; set; } = default!;

    private int CreateCount => _preview?.Items.Count(i => i.Action == EnvironmentImportAction.Create) ?? 0;

    private int ReuseCount => _preview?.Items.Count(i => i.Action == EnvironmentImportAction.Reuse) ?? 0;

    private Task ExportJsonAsync() => ExportAsync("identitycenter-environment.json", "application/json", Environment.ExportJsonAsync);

    private Task ExportTerraformAsync() => ExportAsync("identitycenter-environment.tf", "text/plain", Terraform.ExportAsync);

    private async Task ExportAsync(string fileName, string mediaType, Func<CancellationToken, Task<string>> export)
    {
        _busyLabel = "Exporting…";
        _progressPercent = 0;
        await Work.TryAsync(async () =>
        {
            var text = await export(CancellationToken.None);
            _download = ($"data:{mediaType};charset=utf-8;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}", fileName, new Dictionary<string, object> { ["download"] = fileName });
        });
    }

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        _fileError = null;
        _preview = null;
        _result = null;
        _errors = [];
        _json = null;
        var file = e.File;
        _fileName = file.Name;
        if (file.Size > MaxFileBytes)
        {
            _fileError = $"{file.Name} is {file.Size / 1024:N0} KB; the limit is {MaxFileBytes / 1024 / 1024} MB.";
            return;
        }

        _busyLabel = $"Reading and checking {file.Name}…";
        _progressPercent = 0;
        await Work.TryAsync(async () =>
        {
            try
            {
                await using var stream = file.OpenReadStream(MaxFileBytes);
                using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                _json = await reader.ReadToEndAsync();
            }
            catch (IOException)
            {
                _fileError = $"{file.Name} could not be read. Choose it again.";
                return;
            }

            var preview = await Environment.PreviewAsync(_json);
            _errors = preview.Errors;
            _preview = preview.IsValid ? preview : null;
        });
    }

    private async Task ImportAsync()
    {
        if (Work.Busy || _json is null || _preview is null)
        {
            return;
        }

        var json = _json;
        _busyLabel = "Importing…";
        var progress = new Progress<EnvironmentImportProgress>(p =>
        {
            _busyLabel = $"Importing: {p.Description} ({p.Done} of {p.Total})";
            _progressPercent = p.Total == 0 ? 0 : 100.0 * p.Done / p.Total;
            _ = InvokeAsync(StateHasChanged);
        });
        EnvironmentImportResult? result = null;
        await Work.TryAsync(async () => result = await Environment.ImportAsync(json, await CurrentActor.GetAsync(), progress));
        if (result is null)
        {
            return;
        }

        _preview = null;
        if (result.Succeeded)
        {
            _result = result;
            _json = null;
            Snackbar.Add("The environment was imported.", Severity.Success);
        }
        else
        {
            // The problems are listed under the file with their JSON path; nothing was imported.
            _errors = result.Errors;
        }
    }
}
