namespace IdentityCenter.Infrastructure.Data.Entities.Credentials;

/// <summary>One persisted revocation; the in-memory snapshot is rebuilt from these at start-up.</summary>
public sealed class CredentialRevocationRecord
{
    public long Id { get; set; }

    /// <summary>One of <see cref="IdentityCenter.Infrastructure.Credentials.RevocationKinds"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>User id (User, Membership), or the user/group id of a removed assignment.</summary>
    public string? PrincipalId { get; set; }

    public string? AccountId { get; set; }

    public string? PermissionSetId { get; set; }

    public string? GroupId { get; set; }

    public DateTimeOffset RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
