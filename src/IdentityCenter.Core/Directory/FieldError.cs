namespace IdentityCenter.Core.Directory;

/// <summary>
/// A validation problem tied to one input field. <see cref="Field"/> is the property name the form
/// binds (for example <c>UserName</c>) or empty for a problem that concerns the whole request.
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    public static FieldError General(string message) => new("", message);
}
