using System.Globalization;
using System.Text;

namespace IdentityCenter.Core.Directory;

/// <summary>
/// Rules for user names, group names and profile attributes, following the Identity Center
/// identity store: user names are 1-128 characters without whitespace, attributes 1-1024.
/// "Administrator" and "AWSAdministrators" are reserved for users and groups alike.
/// </summary>
public static class DirectoryNames
{
    public const int UserNameMaxLength = 128;
    public const int AttributeMaxLength = 1024;
    public const int EmailMaxLength = 254;

    /// <summary>Names no user or group may take (compared case-insensitively).</summary>
    public static IReadOnlyList<string> ReservedNames { get; } = ["Administrator", "AWSAdministrators"];

    public static bool IsReserved(string name) =>
        ReservedNames.Any(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The form used for uniqueness and search: trimmed and upper-cased (invariant).</summary>
    public static string Normalize(string value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>Problems with a user name (field <c>UserName</c>); empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> ValidateUserName(string? userName, string field = "UserName")
    {
        if (string.IsNullOrEmpty(userName))
        {
            return [new FieldError(field, "Enter a user name.")];
        }

        if (userName.Length > UserNameMaxLength)
        {
            return [new FieldError(field, $"The user name is {userName.Length} characters long; use at most {UserNameMaxLength}.")];
        }

        foreach (var rune in userName.EnumerateRunes())
        {
            if (!IsAllowedUserNameRune(rune))
            {
                var shown = Rune.IsWhiteSpace(rune) ? "spaces or other whitespace" : $"the character U+{rune.Value:X4}";
                return [new FieldError(field, $"The user name cannot contain {shown}. Use letters, digits, marks, symbols and punctuation only.")];
            }
        }

        if (IsReserved(userName))
        {
            return [new FieldError(field, $"'{userName}' is a reserved name. Choose another user name.")];
        }

        return [];
    }

    /// <summary>Problems with a group display name (field <c>DisplayName</c>); empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> ValidateGroupName(string? displayName, string field = "DisplayName")
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return [new FieldError(field, "Enter a group name.")];
        }

        if (displayName.Length > AttributeMaxLength)
        {
            return [new FieldError(field, $"The group name is {displayName.Length} characters long; use at most {AttributeMaxLength}.")];
        }

        if (displayName.Any(char.IsControl))
        {
            return [new FieldError(field, "The group name cannot contain control characters such as line breaks or tabs.")];
        }

        if (IsReserved(displayName))
        {
            return [new FieldError(field, $"'{displayName.Trim()}' is a reserved name. Choose another group name.")];
        }

        return [];
    }

    /// <summary>Problems with an optional free-text attribute (1-1024 characters when present).</summary>
    public static IReadOnlyList<FieldError> ValidateAttribute(string? value, string field, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? [new FieldError(field, $"Enter a {label}.")] : [];
        }

        if (value.Length > AttributeMaxLength)
        {
            return [new FieldError(field, $"The {label} is {value.Length} characters long; use at most {AttributeMaxLength}.")];
        }

        if (value.Any(char.IsControl))
        {
            return [new FieldError(field, $"The {label} cannot contain control characters such as line breaks or tabs.")];
        }

        return [];
    }

    /// <summary>Problems with an e-mail address; empty when valid (or empty and not required).</summary>
    public static IReadOnlyList<FieldError> ValidateEmail(string? email, string field = "Email", bool required = false)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return required ? [new FieldError(field, "Enter an email address.")] : [];
        }

        var trimmed = email.Trim();
        if (trimmed.Length > EmailMaxLength)
        {
            return [new FieldError(field, $"The email address is {trimmed.Length} characters long; use at most {EmailMaxLength}.")];
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0
            && at == trimmed.LastIndexOf('@')
            && at < trimmed.Length - 1
            && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            && trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !trimmed.EndsWith('.')
            && !trimmed[(at + 1)..].StartsWith('.');
        return valid ? [] : [new FieldError(field, $"'{trimmed}' is not an email address. Use the form name@example.com.")];
    }

    /// <summary>Every problem with a user's profile, by field.</summary>
    public static IReadOnlyList<FieldError> ValidateProfile(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return
        [
            .. ValidateAttribute(profile.DisplayName, "DisplayName", "display name", required: true),
            .. ValidateAttribute(profile.GivenName, "GivenName", "given name", required: false),
            .. ValidateAttribute(profile.FamilyName, "FamilyName", "family name", required: false),
            .. ValidateEmail(profile.Email),
        ];
    }

    private static bool IsAllowedUserNameRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation => true,
        _ => false,
    };
}
