using System.Text.RegularExpressions;

namespace IdentityCenter.Core.Organizations;

/// <summary>Field rules of AWS Organizations (reference 1.8), with messages that quote the limit.</summary>
public static partial class OrganizationValidation
{
    public const int NameMaxLength = 128;
    public const int EmailMinLength = 6;
    public const int EmailMaxLength = 64;

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+\.[^\s@]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // AWS allows any printable characters in account and OU names ([\u0020-\u007E]+).
    [GeneratedRegex(@"^[\u0020-\u007E]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public static FieldError? ValidateAccountId(string? accountId, string field = "AccountId") =>
        OrganizationIds.IsAccountId(accountId)
            ? null
            : new FieldError(field, $"'{accountId}' is not an account id: it must be exactly 12 digits.");

    public static FieldError? ValidateAccountName(string? name, string field = "Name") => ValidateName(name, field, "Account name");

    public static FieldError? ValidateOrganizationalUnitName(string? name, string field = "Name") =>
        ValidateName(name, field, "Organizational unit name");

    public static FieldError? ValidateEmail(string? email, string field = "Email")
    {
        if (string.IsNullOrEmpty(email) || email.Length < EmailMinLength || email.Length > EmailMaxLength)
        {
            return new FieldError(field, $"Email must be {EmailMinLength}-{EmailMaxLength} characters long (it has {email?.Length ?? 0}).");
        }

        return EmailPattern().IsMatch(email)
            ? null
            : new FieldError(field, $"'{email}' is not an email address: use the form name@example.com, without spaces.");
    }

    public static IReadOnlyList<FieldError> ValidateAccount(string? accountId, string? name, string? email)
    {
        var errors = new List<FieldError>(3);
        AddIfNotNull(errors, ValidateAccountId(accountId));
        AddIfNotNull(errors, ValidateAccountName(name));
        AddIfNotNull(errors, ValidateEmail(email));
        return errors;
    }

    private static FieldError? ValidateName(string? name, string field, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > NameMaxLength)
        {
            return new FieldError(field, $"{what} must be 1-{NameMaxLength} characters long (it has {name?.Length ?? 0}).");
        }

        return NamePattern().IsMatch(name)
            ? null
            : new FieldError(field, $"{what} may contain only printable ASCII characters (U+0020-U+007E).");
    }

    private static void AddIfNotNull(List<FieldError> errors, FieldError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
