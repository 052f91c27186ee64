namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>
/// A long-term access key of a directory user (IAM's access keys). The secret must be recoverable to verify
/// Signature Version 4, so it is stored encrypted with the Data Protection key ring (whose keys are themselves
/// encrypted with the key file or certificate, outside the database), never in clear.
/// </summary>
public sealed class AccessKeyRecord
{
    /// <summary>The access key id (<c>AKIA</c> + 16 of [A-Z2-7]); the primary key.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>The 40-character secret, sealed with the Data Protection key ring.</summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary><c>Active</c> or <c>Inactive</c> (IAM's status values).</summary>
    public string Status { get; set; } = "Active";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The signing name of the service last called with the key (<c>identitystore</c>, <c>sso</c>, ...).</summary>
    public string? LastUsedService { get; set; }

    public string? LastUsedRegion { get; set; }
}
