namespace IdentityCenter.Infrastructure.Access;

public sealed record CustomerManagedPolicyInfo(
    string Id,
    string AccountId,
    string Name,
    string Path,
    string? Description,
    string Arn,
    string DefaultVersionId,
    int VersionCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record PolicyVersionInfo(string VersionId, bool IsDefault, string Document, DateTimeOffset CreatedAt);

public sealed record CustomerManagedPolicyDetail(CustomerManagedPolicyInfo Policy, IReadOnlyList<PolicyVersionInfo> Versions)
{
    public string DefaultDocument => Versions.First(v => v.IsDefault).Document;
}

/// <summary>A new customer managed policy (fields: AccountId, Name, Path, Description, Document). Validated as <c>PolicyKind.Managed</c>.</summary>
public sealed record CustomerManagedPolicyInput(string AccountId, string Name, string? Path, string? Description, string Document);
