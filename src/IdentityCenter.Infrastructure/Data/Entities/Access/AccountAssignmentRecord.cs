namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>A user or group (<see cref="PrincipalType"/> USER or GROUP) gets a permission set in an account.</summary>
public sealed class AccountAssignmentRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString();

    public string AccountId { get; set; } = "";

    public string PermissionSetId { get; set; } = "";

    public string PrincipalType { get; set; } = "USER";

    public string PrincipalId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";
}
