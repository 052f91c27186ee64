namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>An account of the organization (12-digit id). <see cref="Status"/> is ACTIVE or SUSPENDED.</summary>
public sealed class AccountRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string Status { get; set; } = "ACTIVE";

    public bool IsManagement { get; set; }

    /// <summary>The root or OU directly holding the account.</summary>
    public string ParentId { get; set; } = "";

    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>Set on accounts created by the workshop seeder, so a reset removes exactly those.</summary>
    public bool IsWorkshop { get; set; }
}
