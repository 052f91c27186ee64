namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>The IAM Identity Center instance (ssoins-…): region used in role paths, and workshop settings. One row.</summary>
public sealed class SsoInstanceRecord
{
    public string Id { get; set; } = "";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Workshop setting: re-provision every provisioned account right after each permission set edit.</summary>
    public bool AutoReprovision { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the workshop seed last finished, set in the seed's final transaction and cleared in the first
    /// transaction of a removal: demo data without it is what an interrupted seed left, to be redone.
    /// </summary>
    public DateTimeOffset? WorkshopSeededAt { get; set; }
}
