using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>
/// The preview of an import file: rows that would be created and every problem by line number,
/// including user names that already exist in the directory. Nothing can be imported while
/// <see cref="Errors"/> is not empty.
/// </summary>
public sealed record UserImportPreview(IReadOnlyList<UserCsvRow> Rows, IReadOnlyList<CsvLineError> Errors)
{
    public bool CanImport => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>A user created by an import, with its one-time password (shown once).</summary>
public sealed record ImportedUser(int LineNumber, string UserId, string UserName, string OneTimePassword);

/// <summary>The outcome of an import: the created users, or (nothing created) every error by line number.</summary>
public sealed record UserImportResult(IReadOnlyList<ImportedUser> Imported, IReadOnlyList<CsvLineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Bulk creation of users from CSV (see <see cref="UserCsvParser"/> for the format): all or nothing.</summary>
public interface IUserImportService
{
    Task<UserImportPreview> PreviewAsync(string csvText, CancellationToken cancellationToken = default);

    /// <summary>Validates the whole file again, then creates every user in one transaction; on any error nothing is created (errors carry line numbers).</summary>
    Task<UserImportResult> ImportAsync(string csvText, Actor actor, CancellationToken cancellationToken = default);
}
