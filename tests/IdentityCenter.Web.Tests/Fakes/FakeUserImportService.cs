using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Tests.Fakes;

/// <summary>Parses with the real <see cref="UserCsvParser"/>; names in <see cref="Existing"/> are reported as taken.</summary>
public sealed class FakeUserImportService : IUserImportService
{
    public HashSet<string> Existing { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Previewed { get; } = [];

    public List<string> Imported { get; } = [];

    public Task<UserImportPreview> PreviewAsync(string csvText, CancellationToken cancellationToken = default)
    {
        Previewed.Add(csvText);
        return Task.FromResult(Check(csvText));
    }

    public Task<UserImportResult> ImportAsync(string csvText, Actor actor, CancellationToken cancellationToken = default)
    {
        Imported.Add(csvText);
        var preview = Check(csvText);
        if (!preview.CanImport)
        {
            return Task.FromResult(new UserImportResult([], preview.Errors));
        }

        return Task.FromResult(new UserImportResult(
            preview.Rows.Select(r => new ImportedUser(r.LineNumber, "id-" + r.UserName, r.UserName, "Otp#" + r.UserName + "1")).ToList(), []));
    }

    private UserImportPreview Check(string csvText)
    {
        // Like the real service: names already in the directory are only looked up once the file itself is valid.
        var parsed = UserCsvParser.Parse(csvText);
        if (!parsed.IsValid)
        {
            return new UserImportPreview([], parsed.Errors);
        }

        var conflicts = parsed.Rows.Where(r => Existing.Contains(r.UserName))
            .Select(r => new CsvLineError(r.LineNumber, "UserName", $"A user named '{r.UserName}' already exists.")).ToList();
        return new UserImportPreview(parsed.Rows, conflicts);
    }
}
