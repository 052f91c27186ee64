using System.Text;
using IdentityCenter.Infrastructure.Csv;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace IdentityCenter.Web.Components.Pages.Admin.Users;

/// <summary>
/// The logic of <c>ImportUsersPage.razor</c>: reads a CSV file, previews it and imports it through
/// <see cref="IUserImportService"/>; the file's problems are listed under it, a database failure above them.
/// </summary>
public partial class ImportUsersPage
{
    [Inject]
    private IUserImportService Import { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Reading, checking or importing a file: busy state and the failure.</summary>
    [Inject]
    private OperationState Work { get; set; } = default!;

    /// <summary>Large enough for the parser's 10,000-user limit with long names; anything bigger is refused before reading.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    private const int MaxShownRows = 500;
    private static readonly Dictionary<string, object> DownloadAttribute = new() { ["download"] = "identitycenter-one-time-passwords.csv" };
    private static readonly Dictionary<string, object> TemplateDownloadAttribute = new() { ["download"] = "identitycenter-users-template.csv" };
    private static readonly string TemplateDataUrl = "data:text/csv;charset=utf-8," + Uri.EscapeDataString(CsvFiles.ToText([UserCsvParser.KnownColumns]));
    private static readonly List<BreadcrumbItem> Breadcrumbs = [new("Users", "/admin/users"), new("Import", null, disabled: true)];

    private string _busyLabel = "";
    private string? _fileError;
    private string? _fileName;
    private string? _csvText;
    private UserImportPreview? _preview;
    private UserImportResult? _result;
    private string? _passwordsCsvDataUrl;

    private string PasswordsCsvDataUrl => _passwordsCsvDataUrl ?? "";

    private async Task OnFileChosenAsync(InputFileChangeEventArgs e)
    {
        _fileError = null;
        _preview = null;
        _csvText = null;
        var file = e.File;
        _fileName = file.Name;
        if (file.Size > MaxFileBytes)
        {
            _fileError = $"{file.Name} is {file.Size / 1024:N0} KB; the limit is {MaxFileBytes / 1024 / 1024} MB. Split it into smaller files.";
            return;
        }

        if (file.Size == 0)
        {
            _fileError = $"{file.Name} is empty. The first line must be a header such as UserName,DisplayName,Email.";
            return;
        }

        _busyLabel = $"Reading and checking {file.Name}…";
        await Work.TryAsync(async () =>
        {
            try
            {
                await using var stream = file.OpenReadStream(MaxFileBytes);
                using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                _csvText = await reader.ReadToEndAsync();
            }
            catch (IOException)
            {
                _fileError = $"{file.Name} could not be read. Choose it again.";
                return;
            }

            _preview = await Import.PreviewAsync(_csvText);
        });
    }

    private async Task ImportAsync()
    {
        if (Work.Busy || _csvText is null || _preview is not { CanImport: true })
        {
            return;
        }

        var csv = _csvText;
        _busyLabel = $"Importing {_preview.Rows.Count} user(s)…";
        UserImportResult? result = null;
        await Work.TryAsync(async () => result = await Import.ImportAsync(csv, await CurrentActor.GetAsync()));
        if (result is null)
        {
            return;
        }

        if (result.Succeeded)
        {
            _result = result;
            _passwordsCsvDataUrl = "data:text/csv;charset=utf-8," + Uri.EscapeDataString(PasswordsCsv(result.Imported));
            _csvText = null;
            _preview = null;
            Snackbar.Add($"{result.Imported.Count} user(s) imported.", Severity.Success);
        }
        else
        {
            // Something changed since the preview (for example a user with the same name was created): nothing was
            // imported, and the problems are listed under the file.
            _preview = new UserImportPreview([], result.Errors);
        }
    }

    private void Reset()
    {
        _result = null;
        _passwordsCsvDataUrl = null;
        _preview = null;
        _fileName = null;
        _fileError = null;
    }

    /// <summary>
    /// UserName,OneTimePassword rows, written like every CSV of the app (<see cref="CsvFiles"/>). One-time passwords
    /// never start with a symbol, so the formula guard never changes one: the file holds them exactly.
    /// </summary>
    public static string PasswordsCsv(IEnumerable<ImportedUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        return CsvFiles.ToText(users.Select(u => new[] { u.UserName, u.OneTimePassword }).Prepend(["UserName", "OneTimePassword"]));
    }
}
