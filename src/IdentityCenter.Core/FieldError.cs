namespace IdentityCenter.Core;

/// <summary>
/// A validation problem tied to one input field, with a message that says what to fix (quoting the
/// limit where there is one). <see cref="Field"/> is the property name the form binds (for example
/// <c>UserName</c>) or empty for a problem that concerns the whole request. Shared by every validator.
/// </summary>
public sealed record FieldError(string Field, string Message)
{
    public static FieldError General(string message) => new("", message);

    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
