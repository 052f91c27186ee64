using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdentityCenter.Web.Aws.SsoAdmin;

/// <summary>
/// A constraint of the sso-admin 2020-07-20 model on a string member: length bounds and the pattern (which, as in AWS,
/// must match the whole value) or the enum values.
/// </summary>
internal sealed record SsoStringShape(int Min, int Max, Regex? Pattern = null, IReadOnlyList<string>? Enum = null)
{
    public static SsoStringShape Matching(int min, int max, string pattern) =>
        new(min, max, new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    public static SsoStringShape OneOf(params string[] values) => new(0, int.MaxValue, Enum: values);
}

/// <summary>The model's shapes the sso-admin operations read (names as in <c>service-2.json</c>).</summary>
internal static class SsoShapes
{
    public static readonly SsoStringShape InstanceArn = SsoStringShape.Matching(10, 1224, @"arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}");
    public static readonly SsoStringShape PermissionSetArn = SsoStringShape.Matching(10, 1224, @"arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}");
    public static readonly SsoStringShape TaggableResourceArn = SsoStringShape.Matching(10, 2048, @"arn:aws(-[a-z]{1,5}){0,3}:sso::((:instance/(sso)?ins-[a-zA-Z0-9-.]{16})|(:permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16})|(\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16})|(\d{12}:trustedTokenIssuer/(sso)?ins-[a-zA-Z0-9-.]{16}/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}))");
    public static readonly SsoStringShape PermissionSetName = SsoStringShape.Matching(1, 32, @"[\w+=,.@-]+");
    public static readonly SsoStringShape PermissionSetDescription = SsoStringShape.Matching(1, 700, @"[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*");
    public static readonly SsoStringShape Duration = SsoStringShape.Matching(1, 100, @"(-?)P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)([DW]))?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?");
    public static readonly SsoStringShape RelayState = SsoStringShape.Matching(1, 240, @"[a-zA-Z0-9&$@#\\\/%?=~\-_'""|!:,.;*+\[\]\ \(\)\{\}]+");
    public static readonly SsoStringShape TagKey = SsoStringShape.Matching(1, 128, @"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)");
    public static readonly SsoStringShape TagValue = SsoStringShape.Matching(0, 256, @"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)");
    public static readonly SsoStringShape ManagedPolicyArn = SsoStringShape.Matching(20, 2048, @"arn:aws(-[a-z]{1,5}){0,3}:iam::aws:policy((/[A-Za-z0-9\.,\+@=_-]+)*)/([A-Za-z0-9\.,\+=@_-]+)");
    public static readonly SsoStringShape ManagedPolicyName = SsoStringShape.Matching(1, 128, @"[\w+=,.@-]+");
    public static readonly SsoStringShape ManagedPolicyPath = SsoStringShape.Matching(1, 512, @"((/[A-Za-z0-9\.,\+@=_-]+)*)/");
    public static readonly SsoStringShape PolicyDocument = SsoStringShape.Matching(1, 32768, @"[\u0009\u000A\u000D\u0020-\u00FF]+");
    public static readonly SsoStringShape Token = SsoStringShape.Matching(0, 2048, @"[-a-zA-Z0-9+=/_]*");
    public static readonly SsoStringShape AccountId = SsoStringShape.Matching(12, 12, @"\d{12}");
    public static readonly SsoStringShape PrincipalId = SsoStringShape.Matching(1, 47, @"([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    public static readonly SsoStringShape Uuid = SsoStringShape.Matching(36, 36, @"\b[0-9a-f]{8}\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\b[0-9a-f]{12}\b");
    public static readonly SsoStringShape PrincipalType = SsoStringShape.OneOf("USER", "GROUP");
    public static readonly SsoStringShape TargetType = SsoStringShape.OneOf("AWS_ACCOUNT");
    public static readonly SsoStringShape ProvisionTargetType = SsoStringShape.OneOf("AWS_ACCOUNT", "ALL_PROVISIONED_ACCOUNTS");
    public static readonly SsoStringShape StatusValues = SsoStringShape.OneOf("IN_PROGRESS", "FAILED", "SUCCEEDED");
    public static readonly SsoStringShape ProvisioningStatus = SsoStringShape.OneOf("LATEST_PERMISSION_SET_PROVISIONED", "LATEST_PERMISSION_SET_NOT_PROVISIONED");
    public static readonly SsoStringShape AccessControlAttributeKey = SsoStringShape.Matching(1, 128, @"[\p{L}\p{Z}\p{N}_.:\/=+\-@]+");
    public static readonly SsoStringShape AccessControlAttributeValueSource = SsoStringShape.Matching(0, 256, @"[\p{L}\p{Z}\p{N}_.:\/=+\-@\[\]\{\}\$\\""]*");
}

/// <summary>
/// Reads an sso-admin request body member by member against the model (required members, lengths, patterns, enums,
/// integer ranges, list sizes) and collects every problem in the words AWS uses
/// (<c>1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: …</c>); <see cref="Error"/> is the
/// <c>ValidationException</c> to answer, or null when the body is valid. Member names in messages are camelCase as in AWS.
/// </summary>
internal sealed class SsoAdminInput(JsonElement root)
{
    private readonly List<string> _problems = [];

    public JsonElement Root => root;

    /// <summary>A string member of <paramref name="parent"/> (the body when null), checked against <paramref name="shape"/>.</summary>
    public string? String(string name, SsoStringShape shape, bool required = false, JsonElement? parent = null, string? path = null)
    {
        var location = path ?? Camel(name);
        if (!TryMember(parent ?? root, name, out var value))
        {
            if (required)
            {
                _problems.Add($"Value null at '{location}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"Value at '{location}' failed to satisfy constraint: Member must be a string, not {value.ValueKind}");
            return null;
        }

        var text = value.GetString()!;
        Check(text, shape, location);
        return text;
    }

    /// <summary>Checks a string found inside a list or another structure.</summary>
    public void Check(string text, SsoStringShape shape, string location)
    {
        if (shape.Enum is { } values)
        {
            if (!values.Contains(text, StringComparer.Ordinal))
            {
                _problems.Add($"Value '{Quote(text)}' at '{location}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", values)}]");
            }

            return;
        }

        if (text.Length < shape.Min)
        {
            _problems.Add($"Value '{Quote(text)}' at '{location}' failed to satisfy constraint: Member must have length greater than or equal to {shape.Min}");
        }
        else if (text.Length > shape.Max)
        {
            _problems.Add($"Value '{Quote(text)}' at '{location}' failed to satisfy constraint: Member must have length less than or equal to {shape.Max}");
        }
        else if (shape.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            _problems.Add($"Value '{Quote(text)}' at '{location}' failed to satisfy constraint: Member must satisfy regular expression pattern: {pattern.ToString()[4..^2]}");
        }
    }

    /// <summary>An integer member within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Integer(string name, int min, int max)
    {
        if (!TryMember(root, name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            _problems.Add($"Value '{Quote(value.GetRawText())}' at '{Camel(name)}' failed to satisfy constraint: Member must be an integer");
            return null;
        }

        if (number < min)
        {
            _problems.Add($"Value '{number.ToString(CultureInfo.InvariantCulture)}' at '{Camel(name)}' failed to satisfy constraint: Member must have value greater than or equal to {min}");
        }
        else if (number > max)
        {
            _problems.Add($"Value '{number.ToString(CultureInfo.InvariantCulture)}' at '{Camel(name)}' failed to satisfy constraint: Member must have value less than or equal to {max}");
        }

        return number;
    }

    /// <summary>A structure member (its JSON object), or null when absent (a problem when required or not an object).</summary>
    public JsonElement? Structure(string name, bool required = false, JsonElement? parent = null, string? path = null)
    {
        var location = path ?? Camel(name);
        if (!TryMember(parent ?? root, name, out var value))
        {
            if (required)
            {
                _problems.Add($"Value null at '{location}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"Value at '{location}' failed to satisfy constraint: Member must be a structure, not {value.ValueKind}");
            return null;
        }

        return value;
    }

    /// <summary>A list member's items (null when absent), with its size checked against [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public IReadOnlyList<JsonElement>? List(string name, int min, int max, bool required = false, JsonElement? parent = null, string? path = null)
    {
        var location = path ?? Camel(name);
        if (!TryMember(parent ?? root, name, out var value))
        {
            if (required)
            {
                _problems.Add($"Value null at '{location}' failed to satisfy constraint: Member must not be null");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _problems.Add($"Value at '{location}' failed to satisfy constraint: Member must be a list, not {value.ValueKind}");
            return null;
        }

        var items = value.EnumerateArray().ToList();
        if (items.Count < min)
        {
            _problems.Add($"Value at '{location}' failed to satisfy constraint: Member must have length greater than or equal to {min}");
        }
        else if (items.Count > max)
        {
            _problems.Add($"Value at '{location}' failed to satisfy constraint: Member must have length less than or equal to {max}");
        }

        return items;
    }

    /// <summary>A list of strings, each checked against <paramref name="shape"/>.</summary>
    public IReadOnlyList<string>? Strings(string name, SsoStringShape shape, int min, int max, bool required = false)
    {
        var items = List(name, min, max, required);
        if (items is null)
        {
            return null;
        }

        var result = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var location = $"{Camel(name)}.{(i + 1).ToString(CultureInfo.InvariantCulture)}.member";
            if (items[i].ValueKind != JsonValueKind.String)
            {
                _problems.Add($"Value at '{location}' failed to satisfy constraint: Member must be a string, not {items[i].ValueKind}");
                continue;
            }

            var text = items[i].GetString()!;
            Check(text, shape, location);
            result.Add(text);
        }

        return result;
    }

    /// <summary>Adds a problem found by the operation itself (e.g. a permission set ARN of another instance).</summary>
    public void Problem(string message) => _problems.Add(message);

    public bool IsValid => _problems.Count == 0;

    /// <summary>The <c>ValidationException</c> listing every problem, or null.</summary>
    public AwsError? Error => _problems.Count == 0
        ? null
        : SsoAdminErrors.Validation($"{_problems.Count.ToString(CultureInfo.InvariantCulture)} validation error{(_problems.Count == 1 ? "" : "s")} detected: {string.Join("; ", _problems)}");

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static bool TryMember(JsonElement parent, string name, out JsonElement value)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    private static string Quote(string text) => text.Length <= 256 ? text : text[..256] + "…";
}
