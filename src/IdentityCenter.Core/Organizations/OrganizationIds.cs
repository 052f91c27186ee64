using System.Text.RegularExpressions;

namespace IdentityCenter.Core.Organizations;

/// <summary>
/// AWS Organizations identifier formats (organization <c>o-</c>, root <c>r-</c>, OU <c>ou-…-…</c>,
/// 12-digit account, policy <c>p-</c>) with validation and generation from an injected random source.
/// </summary>
public static partial class OrganizationIds
{
    [GeneratedRegex("^o-[a-z0-9]{10,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationIdPattern();

    [GeneratedRegex("^r-[0-9a-z]{4,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RootIdPattern();

    [GeneratedRegex("^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationalUnitIdPattern();

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex("^p-[0-9a-zA-Z_]{8,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyIdPattern();

    public static bool IsOrganizationId(string? value) => value is not null && OrganizationIdPattern().IsMatch(value);

    public static bool IsRootId(string? value) => value is not null && RootIdPattern().IsMatch(value);

    public static bool IsOrganizationalUnitId(string? value) => value is not null && OrganizationalUnitIdPattern().IsMatch(value);

    public static bool IsAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value);

    public static bool IsPolicyId(string? value) => value is not null && PolicyIdPattern().IsMatch(value);

    /// <summary><c>o-</c> followed by 10 lowercase letters or digits.</summary>
    public static string NewOrganizationId(IRandomSource random) =>
        "o-" + RandomStrings.Create(random, RandomStrings.LowerAlphanumeric, 10);

    /// <summary><c>r-</c> followed by 4 lowercase letters or digits, as AWS does.</summary>
    public static string NewRootId(IRandomSource random) =>
        "r-" + RandomStrings.Create(random, RandomStrings.LowerAlphanumeric, 4);

    /// <summary><c>ou-&lt;root suffix&gt;-&lt;8 chars&gt;</c>: AWS embeds the root's id in every OU id.</summary>
    public static string NewOrganizationalUnitId(IRandomSource random, string rootId)
    {
        if (!IsRootId(rootId))
        {
            throw new ArgumentException($"'{rootId}' is not a root id (r- followed by 4-32 lowercase letters or digits).", nameof(rootId));
        }

        return "ou-" + rootId[2..] + "-" + RandomStrings.Create(random, RandomStrings.LowerAlphanumeric, 8);
    }

    /// <summary>12 decimal digits.</summary>
    public static string NewAccountId(IRandomSource random) => RandomStrings.Create(random, RandomStrings.Digits, 12);

    /// <summary><c>p-</c> followed by 8 lowercase letters or digits.</summary>
    public static string NewPolicyId(IRandomSource random) =>
        "p-" + RandomStrings.Create(random, RandomStrings.LowerAlphanumeric, 8);
}
