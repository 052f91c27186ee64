using IdentityCenter.Core;
using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.EnvironmentExport;

/// <summary>
/// Exports the environment (organization tree, SCPs and RCPs with their attachments, customer managed policies,
/// access control attributes, permission sets, users, groups, memberships, assignments) as one
/// <see cref="EnvironmentDocument"/>, and imports such a document into an instance through the same services the
/// console uses (same validation, one audit event per change, by <c>actor</c>).
/// <para>
/// Import is all or nothing: the whole document is validated first against the document itself and the instance
/// (errors name the JSON path, e.g. <c>$.permissionSets[2].inlinePolicy</c>, and say what to fix), nothing is
/// written while any problem remains; then it is applied step by step, and should a step still be refused, every
/// step already applied is undone (each undo audited too) and the refusal is returned with its path.
/// Users, groups and OUs that already exist (same name, same path) are reused as they are; accounts, SCPs/RCPs,
/// customer managed policies and permission sets must not exist yet.
/// </para>
/// </summary>
public interface IEnvironmentExportService
{
    Task<EnvironmentDocument> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary><see cref="ExportAsync"/> as indented JSON.</summary>
    Task<string> ExportJsonAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads and checks a document against this instance without writing anything: the problems, or what an import would do.</summary>
    Task<EnvironmentImportPreview> PreviewAsync(string json, CancellationToken cancellationToken = default);

    /// <summary>Imports a document (see the type's remarks); progress reports each applied step.</summary>
    Task<EnvironmentImportResult> ImportAsync(string json, Actor actor, IProgress<EnvironmentImportProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>What an import does with one object: creates it, or reuses the one of the same name.</summary>
public enum EnvironmentImportAction
{
    Create,
    Reuse,
}

/// <summary>One line of the preview: kind ("account", "permission set", ...), name, and action.</summary>
public sealed record EnvironmentImportItem(string Kind, string Name, EnvironmentImportAction Action);

/// <summary>
/// The problems (<see cref="FieldError.Field"/> is the JSON path, <c>$</c> for the whole document) or, when there are
/// none, the items an import would create or reuse.
/// </summary>
public sealed record EnvironmentImportPreview(IReadOnlyList<FieldError> Errors, IReadOnlyList<EnvironmentImportItem> Items)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Step <see cref="Done"/> of <see cref="Total"/>; <see cref="Description"/> says which.</summary>
public sealed record EnvironmentImportProgress(int Done, int Total, string Description);

/// <summary>A user the import created, with its one-time password (shown once, stored nowhere in clear).</summary>
public sealed record EnvironmentImportedUser(string UserName, string OneTimePassword);

/// <summary>
/// The outcome: on success the items applied and the created users' one-time passwords; on failure the errors
/// (located by JSON path) and nothing changed (<see cref="UndoProblems"/> lists any undo that was itself refused).
/// </summary>
public sealed record EnvironmentImportResult(
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<EnvironmentImportItem> Items,
    IReadOnlyList<EnvironmentImportedUser> CreatedUsers,
    IReadOnlyList<string> UndoProblems)
{
    public bool Succeeded => Errors.Count == 0;
}
