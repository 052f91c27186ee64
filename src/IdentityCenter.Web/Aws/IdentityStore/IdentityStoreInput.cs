using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdentityCenter.Web.Aws.IdentityStore;

/// <summary>
/// Reads an identitystore 2020-06-15 request body as the service model constrains it: required members, string lengths,
/// patterns (matched against the whole value, as the service does), list sizes and <c>MaxResults</c> bounds. The first
/// problem found is kept in <see cref="Error"/> as a <c>ValidationException</c> in AWS's wording ("1 validation error
/// detected: Value at 'userName' failed to satisfy constraint: ..."), naming the member and the constraint to meet.
/// Values of sensitive members are never echoed.
/// </summary>
internal sealed partial class IdentityStoreInput(JsonElement input)
{
    public const int StringMaxLength = 1024;
    public const int ResourceIdMaxLength = 47;

    private const string ResourceIdPatternText = "([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";

    /// <summary>The first problem found, or null while the input is valid.</summary>
    public AwsError? Error { get; private set; }

    public JsonElement Root => input;

    /// <summary>The required <c>IdentityStoreId</c> (1-36 characters, <c>d-</c> + 10 hex or a UUID).</summary>
    public string IdentityStoreId() =>
        String(input, "IdentityStoreId", "identityStoreId", required: true, min: 1, max: 36, IdentityStoreIdPattern(), @"d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") ?? "";

    /// <summary>A <c>ResourceId</c> member (user, group or membership id).</summary>
    public string? ResourceId(JsonElement container, string member, string path, bool required = true) =>
        String(container, member, path, required, min: 1, max: ResourceIdMaxLength, ResourceIdPattern(), ResourceIdPatternText);

    public string? ResourceId(string member, bool required = true) => ResourceId(input, member, Camel(member), required);

    /// <summary>A required list of <c>ResourceId</c> (the model's <c>GroupIds</c>: 1-100 ids).</summary>
    public IReadOnlyList<string> ResourceIds(string member, int min, int max)
    {
        var ids = new List<string>();
        var list = List(input, member, Camel(member), required: true, min, max) ?? [];
        for (var i = 0; i < list.Count && Error is null; i++)
        {
            if (Checked(list[i], $"{Camel(member)}.{i + 1}.member", 1, ResourceIdMaxLength, ResourceIdPattern(), ResourceIdPatternText) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The required <c>MemberId</c> union: exactly one of its members, <c>UserId</c>.</summary>
    public string? MemberUserId(string member = "MemberId")
    {
        if (Error is not null)
        {
            return null;
        }

        if (!input.TryGetProperty(member, out var union) || union.ValueKind == JsonValueKind.Null)
        {
            Fail($"Value null at '{Camel(member)}' failed to satisfy constraint: Member must not be null");
            return null;
        }

        if (union.ValueKind != JsonValueKind.Object || !union.TryGetProperty("UserId", out _))
        {
            Fail($"Value at '{Camel(member)}' failed to satisfy constraint: Member must set exactly one member of the union: UserId");
            return null;
        }

        return ResourceId(union, "UserId", Camel(member) + ".userId");
    }

    /// <summary><c>MaxResults</c> (1-100) or <paramref name="fallback"/> when absent.</summary>
    public int MaxResults(int fallback)
    {
        if (Error is not null || !input.TryGetProperty("MaxResults", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Fail("Value at 'maxResults' failed to satisfy constraint: Member must be an integer");
            return fallback;
        }

        if (number is < 1 or > 100)
        {
            Fail($"Value '{number}' at 'maxResults' failed to satisfy constraint: Member must have value {(number < 1 ? "greater than or equal to 1" : "less than or equal to 100")}");
        }

        return number;
    }

    /// <summary>The optional <c>NextToken</c> (1-65535 characters of <c>[-a-zA-Z0-9+=/:_]</c>).</summary>
    public string? NextToken() =>
        String(input, "NextToken", "nextToken", required: false, min: 1, max: 65535, NextTokenPattern(), "[-a-zA-Z0-9+=/:_]*");

    /// <summary>An optional or required <c>SensitiveStringType</c> member (1-1024 letters, marks, symbols, numbers, punctuation and spaces).</summary>
    public string? SensitiveString(JsonElement container, string member, string path, bool required = false) =>
        Text(container, member, path, required, StringMaxLength, SpaceKind.Sensitive);

    /// <summary>The optional <c>UserName</c> member (1-128 letters, marks, symbols, numbers and punctuation).</summary>
    public string? UserName(JsonElement container, string member, string path, bool required = false) =>
        Text(container, member, path, required, 128, SpaceKind.None);

    /// <summary>The optional <c>GroupDisplayName</c> member (1-1024 characters, spaces, tabs and line breaks allowed).</summary>
    public string? GroupDisplayName(JsonElement container, string member, string path, bool required = false) =>
        Text(container, member, path, required, StringMaxLength, SpaceKind.GroupName);

    /// <summary>An <c>ExternalIdIssuer</c> or <c>ExternalIdIdentifier</c> (1-256 characters, no spaces).</summary>
    public string? ExternalIdPart(JsonElement container, string member, string path) =>
        Text(container, member, path, required: true, 256, SpaceKind.None);

    /// <summary>An <c>AttributePath</c> (1-255 characters such as <c>name.givenName</c>).</summary>
    public string? AttributePath(JsonElement container, string path) =>
        String(container, "AttributePath", path, required: true, min: 1, max: 255, AttributePathPattern(), @"(?:\p{L}+:\p{L}+:\p{L}+(?:\.\p{L}+){0,3}|\p{L}+(?:\.\p{L}+){0,2})");

    /// <summary>A list member with the model's size bounds; null when absent and not required.</summary>
    public IReadOnlyList<JsonElement>? List(JsonElement container, string member, string path, bool required, int min, int max)
    {
        if (Error is not null)
        {
            return null;
        }

        if (!container.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail($"Value null at '{path}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must be a list");
            return null;
        }

        var length = value.GetArrayLength();
        if (length < min || length > max)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must have length {(length < min ? $"greater than or equal to {min}" : $"less than or equal to {max}")}");
            return null;
        }

        return [.. value.EnumerateArray()];
    }

    /// <summary>A structure member; null when absent (or when it is not an object, which is recorded as the error).</summary>
    public JsonElement? Structure(JsonElement container, string member, string path)
    {
        if (Error is not null || !container.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must be a structure");
            return null;
        }

        return value;
    }

    /// <summary>A boolean member, or null when absent.</summary>
    public bool? Boolean(JsonElement container, string member, string path)
    {
        if (Error is not null || !container.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must be a boolean");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>Checks the optional <c>ExtensionNames</c> list (1-10 names of the form <c>aws:identitystore:[a-z]{1,20}</c>).</summary>
    public void ExtensionNames()
    {
        foreach (var (name, i) in (List(input, "Extensions", "extensions", required: false, 1, 10) ?? []).Select((e, i) => (e, i)))
        {
            if (Error is not null)
            {
                return;
            }

            var path = $"extensions.{i + 1}.member";
            if (name.ValueKind != JsonValueKind.String)
            {
                Fail($"Value at '{path}' failed to satisfy constraint: Member must be a string");
                return;
            }

            var text = name.GetString()!;
            if (text.Length is < 1 or > 50 || !ExtensionNamePattern().IsMatch(text))
            {
                Fail($"Value '{text}' at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: aws:identitystore:[a-z]{{1,20}}");
            }
        }
    }

    /// <summary>Records <paramref name="detail"/> as the error unless one is already recorded.</summary>
    public void Fail(string detail) => Error ??= IdentityStoreErrors.Validation("1 validation error detected: " + detail);

    /// <summary>The model's member path style: <c>UserId</c> → <c>userId</c>.</summary>
    public static string Camel(string member) => member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];

    private string? String(JsonElement container, string member, string path, bool required, int min, int max, Regex pattern, string patternText)
    {
        if (Error is not null)
        {
            return null;
        }

        if (!container.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail($"Value null at '{path}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        return Checked(value, path, min, max, pattern, patternText);
    }

    private string? Checked(JsonElement value, string path, int min, int max, Regex pattern, string patternText)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length < min || text.Length > max)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must have length {(text.Length < min ? $"greater than or equal to {min}" : $"less than or equal to {max}")}");
            return null;
        }

        if (!pattern.IsMatch(text))
        {
            var shown = text.Length <= 64 ? $"'{text}' " : "";
            Fail($"Value {shown}at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {patternText}");
            return null;
        }

        return text;
    }

    private enum SpaceKind
    {
        None,
        GroupName,
        Sensitive,
    }

    /// <summary>
    /// A string of the model's Unicode-class patterns (<c>[\p{L}\p{M}\p{S}\p{N}\p{P}...]+</c>), checked by code point so
    /// characters outside the Basic Multilingual Plane count by their own category as the service's regular expressions do.
    /// </summary>
    private string? Text(JsonElement container, string member, string path, bool required, int max, SpaceKind spaces)
    {
        if (Error is not null)
        {
            return null;
        }

        if (!container.TryGetProperty(member, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail($"Value null at '{path}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (text.Length < 1 || text.Length > max)
        {
            Fail($"Value at '{path}' failed to satisfy constraint: Member must have length {(text.Length < 1 ? "greater than or equal to 1" : $"less than or equal to {max}")}");
            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!Allowed(rune, spaces))
            {
                var allowed = spaces == SpaceKind.None
                    ? "letters, marks, symbols, numbers and punctuation, without spaces"
                    : "letters, marks, symbols, numbers, punctuation, spaces, tabs and line breaks";
                Fail($"Value at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern (use only {allowed}; U+{rune.Value:X4} is not allowed)");
                return null;
            }
        }

        return text;
    }

    private static bool Allowed(Rune rune, SpaceKind spaces)
    {
        var category = Rune.GetUnicodeCategory(rune);
        var classes = category switch
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
        return classes || spaces switch
        {
            SpaceKind.GroupName => rune.Value is '\t' or '\n' or '\r' or ' ' or '\u00a0',
            SpaceKind.Sensitive => rune.Value is '\t' or '\n' or '\r' or ' ' or '\u00a0' or '\u3000',
            _ => false,
        };
    }

    [GeneratedRegex(@"^(?:d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityStoreIdPattern();

    [GeneratedRegex(@"^(?:[0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceIdPattern();

    [GeneratedRegex(@"^[-a-zA-Z0-9+=/:_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NextTokenPattern();

    [GeneratedRegex(@"^(?:\p{L}+:\p{L}+:\p{L}+(?:\.\p{L}+){0,3}|\p{L}+(?:\.\p{L}+){0,2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex AttributePathPattern();

    [GeneratedRegex(@"^aws:identitystore:[a-z]{1,20}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionNamePattern();
}
