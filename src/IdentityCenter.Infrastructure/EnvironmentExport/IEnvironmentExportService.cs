using IdentityCenter.Core;
using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.EnvironmentExport;

/// <summary>
/// Exports the environment (organization tree, SCPs and RCPs with their attachments, customer managed policies,
/// access control attributes, permission sets, users, groups, memberships, assignments, workshop event templates) as
/// one <see cref="EnvironmentDocument"/>, and imports such a document into an instance with the validation and audit
/// events of the console's services (one audit event per change, by <c>actor</c>).
/// <para>
/// Import is all or nothing, and one database transaction: the whole document is validated first against the document
/// itself and the instance (errors name the JSON path, e.g. <c>$.permissionSets[2].inlinePolicy</c>, and say what to
/// fix), nothing is written while any problem remains; then every row and audit event is staged in one transaction and
/// committed once. Should a step still be refused (the services' own checks, or a row another administrator created
/// meanwhile), the refusal is returned with its path and nothing is written; a crash at any moment leaves either the
/// whole document or nothing of it. Users, groups and OUs that already exist (same name, same path) are reused as they
/// are; accounts, SCPs/RCPs, customer managed policies, permission sets and event templates must not exist yet.
/// </para>
/// </summary>
public interface IEnvironmentExportService
{
    Task<EnvironmentDocument> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary><see cref="ExportAsync"/> as indented JSON.</summary>
    Task<string> ExportJsonAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads and checks a document against this instance without writing anything: the problems, or what an import would do.</summary>
    Task<EnvironmentImportPreview> PreviewAsync(string json, CancellationToken cancellationToken = default);

    /// <summary>Imports a document in one transaction (see the type's remarks); progress reports each staged step, then the commit.</summary>
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
/// (located by JSON path) and nothing changed.
/// </summary>
public sealed record EnvironmentImportResult(
    IReadOnlyList<FieldError> Errors,
    IReadOnlyList<EnvironmentImportItem> Items,
    IReadOnlyList<EnvironmentImportedUser> CreatedUsers)
{
    public bool Succeeded => Errors.Count == 0;
}
