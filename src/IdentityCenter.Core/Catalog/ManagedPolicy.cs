namespace IdentityCenter.Core.Catalog;

public enum ManagedPolicyKind
{
    /// <summary>An AWS managed IAM policy (<c>arn:aws:iam::aws:policy/…</c>).</summary>
    AwsManagedIamPolicy,

    /// <summary>An AWS managed service control policy of AWS Organizations.</summary>
    ServiceControlPolicy,

    /// <summary>An AWS managed resource control policy of AWS Organizations.</summary>
    ResourceControlPolicy,
}

/// <summary>One published version of an AWS managed policy (<c>v3</c>) and when AWS created it.</summary>
public sealed record ManagedPolicyVersion(string VersionId, DateTimeOffset? CreateDate, bool IsDefault);

/// <summary>
/// An AWS managed policy shipped with IdentityCenter (read-only). <see cref="Document"/> is the default
/// version's JSON text as published (indented), produced on first access: the catalogue holds about
/// 1,600 policies and most are never read.
/// </summary>
public sealed class ManagedPolicy
{
    /// <summary>The path of AWS's job-function policies (<c>arn:aws:iam::aws:policy/job-function/…</c>).</summary>
    public const string JobFunctionPath = "/job-function/";

    private readonly Lazy<string> _document;

    public ManagedPolicy(
        string name,
        string arn,
        string path,
        string? description,
        string versionId,
        string document,
        ManagedPolicyKind kind,
        DateTimeOffset? createDate = null,
        DateTimeOffset? updateDate = null,
        IReadOnlyList<ManagedPolicyVersion>? versions = null)
        : this(name, arn, path, description, versionId, () => document, kind, createDate, updateDate, versions)
    {
        ArgumentNullException.ThrowIfNull(document);
    }

    internal ManagedPolicy(
        string name,
        string arn,
        string path,
        string? description,
        string versionId,
        Func<string> document,
        ManagedPolicyKind kind,
        DateTimeOffset? createDate,
        DateTimeOffset? updateDate,
        IReadOnlyList<ManagedPolicyVersion>? versions)
    {
        Name = name;
        Arn = arn;
        Path = path;
        Description = description;
        VersionId = versionId;
        Kind = kind;
        CreateDate = createDate;
        UpdateDate = updateDate;
        Versions = versions ?? [new ManagedPolicyVersion(versionId, updateDate ?? createDate, IsDefault: true)];
        _document = new Lazy<string>(document, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    public string Arn { get; }

    /// <summary>The ARN's path: <c>/</c>, <c>/job-function/</c>, <c>/service-role/</c>, …</summary>
    public string Path { get; }

    /// <summary>AWS's description when the shipped data has one (the MIT data package carries none for IAM policies).</summary>
    public string? Description { get; }

    /// <summary>The default version's id.</summary>
    public string VersionId { get; }

    /// <summary>The default version's policy document.</summary>
    public string Document => _document.Value;

    public ManagedPolicyKind Kind { get; }

    public DateTimeOffset? CreateDate { get; }

    public DateTimeOffset? UpdateDate { get; }

    /// <summary>Every published version, newest first; the default one is marked.</summary>
    public IReadOnlyList<ManagedPolicyVersion> Versions { get; }

    /// <summary>One of AWS's job-function policies (path <c>/job-function/</c>).</summary>
    public bool IsJobFunction => string.Equals(Path, JobFunctionPath, StringComparison.Ordinal);

    /// <summary>Path and name as shown to people: <c>job-function/DatabaseAdministrator</c>, <c>ReadOnlyAccess</c>.</summary>
    public string DisplayName => Path.Length > 1 ? Path[1..] + Name : Name;

    public override string ToString() => Arn;
}
