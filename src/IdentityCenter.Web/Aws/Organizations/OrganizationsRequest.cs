using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IdentityCenter.Web.Aws.Organizations;

/// <summary>
/// Reads the members of one organizations request as the 2016-11-28 model defines them (required, length, pattern,
/// enum, range) and remembers the first violation as the model's error: <c>InvalidInputException</c> with its
/// <c>Reason</c> (<c>INPUT_REQUIRED</c>, <c>INVALID_PATTERN</c>, <c>MAX_LENGTH_EXCEEDED</c>, ...), or
/// <c>SerializationException</c> for a member of the wrong JSON type. Handlers read every member, then stop at
/// <see cref="Error"/> before authorizing.
/// </summary>
internal sealed partial class OrganizationsRequest(AwsJsonCall call)
{
    public const int MaxPageSize = 20;

    public const string InvalidInput = "InvalidInputException";

    [GeneratedRegex(@"^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$", RegexOptions.CultureInvariant)]
    public static partial Regex ParentIdPattern();

    [GeneratedRegex(@"^(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$", RegexOptions.CultureInvariant)]
    public static partial Regex ChildIdPattern();

    [GeneratedRegex(@"^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$", RegexOptions.CultureInvariant)]
    public static partial Regex OrganizationalUnitIdPattern();

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    public static partial Regex AccountIdPattern();

    [GeneratedRegex(@"^p-[0-9a-zA-Z_]{8,128}$", RegexOptions.CultureInvariant)]
    public static partial Regex PolicyIdPattern();

    [GeneratedRegex(@"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$", RegexOptions.CultureInvariant)]
    public static partial Regex PolicyTargetIdPattern();

    [GeneratedRegex(@"^(r-[0-9a-z]{4,32})|(\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})|(^p-[0-9a-zA-Z_]{8,128})|(^rp-[0-9a-zA-Z_]{4,128})|(^rt-[0-9a-zA-Z_]{8,32})$", RegexOptions.CultureInvariant)]
    public static partial Regex TaggableResourceIdPattern();

    [GeneratedRegex(@"^car-[a-z0-9]{8,32}$", RegexOptions.CultureInvariant)]
    public static partial Regex CreateAccountRequestIdPattern();

    [GeneratedRegex(@"[^\s@]+@[^\s@]+\.[^\s@]+", RegexOptions.CultureInvariant)]
    public static partial Regex EmailPattern();

    [GeneratedRegex(@"^[\u0020-\u007E]+$", RegexOptions.CultureInvariant)]
    public static partial Regex CreateAccountNamePattern();

    [GeneratedRegex(@"^[\w+=,.@-]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex RoleNamePattern();

    /// <summary>The model's <c>PolicyType</c> enum (IdentityCenter stores and evaluates the first two).</summary>
    public static readonly string[] PolicyTypes =
    [
        "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY",
        "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2", "SECURITYHUB_POLICY", "INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY",
        "BEDROCK_POLICY", "S3_POLICY", "NETWORK_SECURITY_DIRECTOR_POLICY",
    ];

    /// <summary>The first violation found, or null while the request is valid so far.</summary>
    public AwsError? Error { get; private set; }

    /// <summary>An <c>InvalidInputException</c> with <paramref name="reason"/> (one of the model's <c>InvalidInputExceptionReason</c> values).</summary>
    public static AwsError InvalidInputError(string reason, string message) =>
        new(InvalidInput, message, StatusCodes.Status400BadRequest) { Members = new Dictionary<string, string> { ["Reason"] = reason } };

    /// <summary>
    /// A string member: absent or null is <c>INPUT_REQUIRED</c> when <paramref name="required"/>; shorter than
    /// <paramref name="min"/> or longer than <paramref name="max"/> is <c>MIN_/MAX_LENGTH_EXCEEDED</c>; not matching
    /// <paramref name="pattern"/> is <paramref name="patternReason"/> with <paramref name="hint"/> saying what to send.
    /// </summary>
    public string? String(string member, bool required, int? min = null, int? max = null, Regex? pattern = null, string hint = "", string patternReason = "INVALID_PATTERN")
    {
        if (!TryGet(member, JsonValueKind.String, required, out var element))
        {
            return null;
        }

        var value = element.GetString()!;
        if (min is { } low && value.Length < low)
        {
            Fail("MIN_LENGTH_EXCEEDED", $"{member} must be at least {low} character{(low == 1 ? "" : "s")} long (it has {value.Length}).");
            return null;
        }

        if (max is { } high && value.Length > high)
        {
            Fail("MAX_LENGTH_EXCEEDED", $"{member} must be at most {high} characters long (it has {value.Length}).");
            return null;
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            Fail(patternReason, $"{member} '{Shorten(value)}' does not match the required pattern {pattern}{(hint.Length > 0 ? ": " + hint : ".")}");
            return null;
        }

        return value;
    }

    /// <summary>A string member that must be one of <paramref name="values"/> (else <paramref name="reason"/>, <c>INVALID_ENUM</c> by default).</summary>
    public string? Enum(string member, bool required, IReadOnlyList<string> values, string reason = "INVALID_ENUM")
    {
        var value = String(member, required);
        if (value is not null && !values.Contains(value, StringComparer.Ordinal))
        {
            Fail(reason, $"{member} '{Shorten(value)}' is not one of {string.Join(", ", values)}.");
            return null;
        }

        return value;
    }

    /// <summary>A list of enum strings (for <c>States</c>); null when absent.</summary>
    public IReadOnlyList<string>? EnumList(string member, IReadOnlyList<string> values)
    {
        if (!TryGet(member, JsonValueKind.Array, required: false, out var element))
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                FailSerialization($"{member} must be a list of strings.");
                return null;
            }

            var value = item.GetString()!;
            if (!values.Contains(value, StringComparer.Ordinal))
            {
                Fail("INVALID_LIST_MEMBER", $"{member} contains '{Shorten(value)}', which is not one of {string.Join(", ", values)}.");
                return null;
            }

            list.Add(value);
        }

        return list;
    }

    /// <summary>The <c>Tags</c> member: the list of <c>{Key, Value}</c> given (empty when absent).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags()
    {
        if (!TryGet("Tags", JsonValueKind.Array, required: false, out var element))
        {
            return [];
        }

        var tags = new List<KeyValuePair<string, string>>();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("Key", out var key) || key.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("Value", out var value) || value.ValueKind != JsonValueKind.String)
            {
                Fail("INPUT_REQUIRED", "Each tag needs a Key and a Value (strings).");
                return [];
            }

            tags.Add(new(key.GetString()!, value.GetString()!));
        }

        return tags;
    }

    /// <summary><c>MaxResults</c> (1-20; <see cref="MaxPageSize"/> when absent).</summary>
    public int MaxResults()
    {
        if (!TryGet("MaxResults", JsonValueKind.Number, required: false, out var element))
        {
            return MaxPageSize;
        }

        if (!element.TryGetInt32(out var value))
        {
            FailSerialization($"MaxResults must be an integer between 1 and {MaxPageSize}.");
            return MaxPageSize;
        }

        if (value < 1)
        {
            Fail("MIN_VALUE_EXCEEDED", $"MaxResults must be at least 1 (it is {value}).");
        }
        else if (value > MaxPageSize)
        {
            Fail("MAX_VALUE_EXCEEDED", $"MaxResults must be at most {MaxPageSize} (it is {value}).");
        }

        return value;
    }

    /// <summary>The offset a <c>NextToken</c> of this operation holds (0 when absent); any other token is <c>INVALID_NEXT_TOKEN</c>.</summary>
    public int Offset()
    {
        var token = String("NextToken", required: false, max: 100000);
        if (token is null)
        {
            return 0;
        }

        if (!AwsNextToken.TryDecodeOffset(call.Operation, token, out var offset))
        {
            Fail("INVALID_NEXT_TOKEN", $"The NextToken is not one that {call.Operation} returned; send the NextToken of the previous page unchanged, or none for the first page.");
            return 0;
        }

        return offset;
    }

    /// <summary>One page of <paramref name="all"/> from <paramref name="offset"/> and the token of the next page (null on the last).</summary>
    public (IReadOnlyList<T> Items, string? NextToken) Page<T>(IReadOnlyList<T> all, int offset, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(all);
        var items = all.Skip(offset).Take(maxResults).ToList();
        var next = offset + items.Count;
        return (items, next < all.Count ? AwsNextToken.Encode(call.Operation, next.ToString(CultureInfo.InvariantCulture)) : null);
    }

    private bool TryGet(string member, JsonValueKind kind, bool required, out JsonElement element)
    {
        element = default;
        if (Error is not null)
        {
            return false;
        }

        if (!call.Input.TryGetProperty(member, out element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail("INPUT_REQUIRED", $"{member} is required: the request has none.");
            }

            return false;
        }

        if (element.ValueKind != kind)
        {
            FailSerialization($"{member} must be a JSON {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}.");
            return false;
        }

        return true;
    }

    private void Fail(string reason, string message) => Error ??= InvalidInputError(reason, message);

    private void FailSerialization(string message) =>
        Error ??= new AwsError(AwsJsonProtocol.Serialization, message, StatusCodes.Status400BadRequest);

    private static string Shorten(string value) => value.Length <= 140 ? value : value[..140] + "…";
}
