namespace IdentityCenter.Infrastructure.Data.Entities.Access;

/// <summary>
/// A user attribute the directory has no column for (for example <c>enterprise.department</c>), kept
/// for ABAC. Built-in attributes (userName, displayName, name.*, emails) come from the user itself.
/// </summary>
public sealed class UserAccessAttributeRecord
{
    public string UserId { get; set; } = "";

    public string Path { get; set; } = "";

    public string Value { get; set; } = "";
}
