using System.Text.RegularExpressions;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.PermissionSets;

/// <summary>
/// Names and ARNs AWS IAM Identity Center derives from permission sets: instance and permission set
/// ARNs, the provisioned role <c>AWSReservedSSO_&lt;name&gt;_&lt;16 hex&gt;</c> at
/// <c>/aws-reserved/sso.amazonaws.com/&lt;region&gt;/</c>, and the assumed-role session ARN.
/// </summary>
public static partial class PermissionSetNaming
{
    public const string RoleNamePrefix = "AWSReservedSSO_";
    public const int RoleSuffixLength = 16;

    [GeneratedRegex(@"^AWSReservedSSO_(?<name>[\w+=,.@-]{1,32})_(?<suffix>[0-9a-f]{16})$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"^ssoins-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdPattern();

    public static bool IsInstanceId(string? value) => value is not null && InstanceIdPattern().IsMatch(value);

    /// <summary><c>ssoins-</c> followed by 16 hex characters.</summary>
    public static string NewInstanceId(IRandomSource random) => "ssoins-" + RandomStrings.Create(random, RandomStrings.LowerHex, 16);

    /// <summary><c>ps-</c> followed by 16 hex characters.</summary>
    public static string NewPermissionSetId(IRandomSource random) => "ps-" + RandomStrings.Create(random, RandomStrings.LowerHex, 16);

    /// <summary>A new role suffix; AWS draws a fresh one each time the role is (re)created in an account.</summary>
    public static string NewRoleSuffix(IRandomSource random) => RandomStrings.Create(random, RandomStrings.LowerHex, RoleSuffixLength);

    public static string InstanceArn(string instanceId) => $"arn:aws:sso:::instance/{instanceId}";

    public static string PermissionSetArn(string instanceId, string permissionSetId) =>
        $"arn:aws:sso:::permissionSet/{instanceId}/{permissionSetId}";

    public static string RoleName(string permissionSetName, string suffix) => $"{RoleNamePrefix}{permissionSetName}_{suffix}";

    public static string RolePath(string region) => $"/aws-reserved/sso.amazonaws.com/{region}/";

    public static string RoleArn(string accountId, string region, string roleName) =>
        $"arn:aws:iam::{accountId}:role{RolePath(region)}{roleName}";

    /// <summary><c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role name&gt;/&lt;session name&gt;</c> (the role path is not part of it).</summary>
    public static string AssumedRoleArn(string accountId, string roleName, string sessionName) =>
        $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}";

    /// <summary>Splits <c>arn:aws:sts::&lt;account&gt;:assumed-role/&lt;role name&gt;/&lt;session name&gt;</c>.</summary>
    public static bool TryParseAssumedRoleArn(string? arn, out string accountId, out string roleName, out string sessionName)
    {
        accountId = roleName = sessionName = string.Empty;
        if (arn is null || !Policies.Matching.Arn.TrySplit(arn, out var parts) || !parts.Component(arn, 2).SequenceEqual("sts"))
        {
            return false;
        }

        var account = parts.Component(arn, 4);
        var resource = parts.Component(arn, 5);
        if (!OrganizationIds.IsAccountId(account.ToString()) || !resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = resource["assumed-role/".Length..];
        var slash = rest.IndexOf('/');
        if (slash <= 0 || slash == rest.Length - 1 || rest[(slash + 1)..].Contains('/'))
        {
            return false;
        }

        accountId = account.ToString();
        roleName = rest[..slash].ToString();
        sessionName = rest[(slash + 1)..].ToString();
        return true;
    }

    /// <summary>
    /// A stable unique id for a role, shaped like IAM's (<c>AROA</c> + 17 of [A-Z2-7]) and derived from the
    /// role ARN, so <c>aws:userid</c> (<c>&lt;role id&gt;:&lt;session name&gt;</c>) needs no stored state.
    /// A re-created role gets a new ARN suffix and therefore a new id, as in AWS.
    /// </summary>
    public static string RoleUniqueId(string roleArn)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        if (UniqueIds.TryGetValue(roleArn, out var known))
        {
            return known;
        }

        // Every authorized request names its role's id (aws:userid): computed once per role, the cache bounded.
        if (UniqueIds.Count >= UniqueIdCacheCapacity)
        {
            UniqueIds.Clear();
        }

        return UniqueIds[roleArn] = ComputeRoleUniqueId(roleArn);
    }

    private const int UniqueIdCacheCapacity = 10_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> UniqueIds = new(StringComparer.Ordinal);

    private static string ComputeRoleUniqueId(string roleArn)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(roleArn), hash);
        Span<char> id = stackalloc char[21];
        "AROA".CopyTo(id);
        for (var i = 0; i < 17; i++)
        {
            id[4 + i] = alphabet[hash[i] & 31];
        }

        return new string(id);
    }

    /// <summary>Splits <c>AWSReservedSSO_&lt;name&gt;_&lt;suffix&gt;</c> back into the permission set name and suffix.</summary>
    public static bool TryParseRoleName(string? roleName, out string permissionSetName, out string suffix)
    {
        var match = roleName is null ? null : RoleNamePattern().Match(roleName);
        if (match is { Success: true })
        {
            permissionSetName = match.Groups["name"].Value;
            suffix = match.Groups["suffix"].Value;
            return true;
        }

        permissionSetName = suffix = string.Empty;
        return false;
    }
}
