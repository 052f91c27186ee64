namespace IdentityCenter.Core.Organizations;

/// <summary>
/// A validation problem on one input field, with a message that says what to fix and quotes the limit.
/// Shared by the access-model validators (organizations, permission sets, assignments, ABAC).
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
