using System.Globalization;
using System.Text;

namespace IdentityCenter.Web.Components.Pages.Portal;

/// <summary>One AWS-compatible API of IdentityCenter as the AWS CLI and SDKs address it.</summary>
/// <param name="ServiceKey">The key in a <c>[services]</c> section (the service id, lower case, dashes).</param>
/// <param name="EnvironmentSuffix">The suffix of <c>AWS_ENDPOINT_URL_*</c>.</param>
/// <param name="Path">The path under the base URL.</param>
public sealed record CliEndpoint(string ServiceKey, string EnvironmentSuffix, string Path);

/// <summary>A profile for one (account, role) the user has.</summary>
public sealed record CliProfile(string AccountId, string AccountName, string RoleName)
{
    /// <summary>The name <c>aws configure sso</c> suggests: <c>&lt;role&gt;-&lt;account id&gt;</c>.</summary>
    public string ProfileName => $"{RoleName}-{AccountId}";
}

/// <summary>
/// The text of the "Configure my CLI" page: the <c>~/.aws/config</c> blocks (an <c>[sso-session]</c>, one
/// <c>[profile]</c> per account and role, a <c>[services]</c> section with the endpoint overrides), the same
/// overrides as <c>AWS_ENDPOINT_URL_*</c> variables, and the commands to run next.
/// </summary>
public static class CliConfiguration
{
    /// <summary>The name of the sso-session and of the services section.</summary>
    public const string SessionName = "identitycenter";

    /// <summary>The scope the CLI needs to list accounts and get role credentials.</summary>
    public const string RegistrationScopes = "sso:account:access";

    /// <summary>
    /// The endpoints IdentityCenter serves: the sign-in and credential APIs, and the administrative APIs (called with an
    /// access key, as far as the caller's administration policy allows), and the demo object store (s3, path-style).
    /// </summary>
    public static IReadOnlyList<CliEndpoint> Endpoints { get; } =
    [
        new("sso", "SSO", "aws/sso"),
        new("sso_oidc", "SSO_OIDC", "aws/oidc"),
        new("sts", "STS", "aws/sts"),
        new("identitystore", "IDENTITYSTORE", "aws/identitystore"),
        new("sso_admin", "SSO_ADMIN", "aws/sso-admin"),
        new("organizations", "ORGANIZATIONS", "aws/organizations"),
        new("s3", "S3", "aws/s3"),
    ];

    /// <summary>The access portal's start URL on <paramref name="baseUrl"/> (which ends in '/').</summary>
    public static string StartUrl(string baseUrl) => Base(baseUrl) + "start";

    public static string EndpointUrl(string baseUrl, CliEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Base(baseUrl) + endpoint.Path;
    }

    /// <summary>Profiles sorted by account name, then role; the same names every time for the same assignments.</summary>
    public static IReadOnlyList<CliProfile> Sort(IEnumerable<CliProfile> profiles) =>
        profiles.OrderBy(p => p.AccountName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.AccountId, StringComparer.Ordinal)
            .ThenBy(p => p.RoleName, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Everything for <c>~/.aws/config</c>: the sso-session, every profile, the services section.</summary>
    public static string ConfigFile(string baseUrl, string region, IReadOnlyList<CliProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var text = new StringBuilder();
        text.Append(SsoSessionBlock(baseUrl, region)).Append("\n\n");
        foreach (var profile in profiles)
        {
            text.Append(ProfileBlock(profile, region)).Append("\n\n");
        }

        text.Append(ServicesBlock(baseUrl));
        return text.ToString();
    }

    public static string SsoSessionBlock(string baseUrl, string region) =>
        $"[sso-session {SessionName}]\nsso_start_url = {StartUrl(baseUrl)}\nsso_region = {region}\nsso_registration_scopes = {RegistrationScopes}";

    public static string ProfileBlock(CliProfile profile, string region)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return $"# {profile.AccountName} ({profile.AccountId})\n[profile {profile.ProfileName}]\nsso_session = {SessionName}\nsso_account_id = {profile.AccountId}\nsso_role_name = {profile.RoleName}\nregion = {region}\nservices = {SessionName}\ns3 =\n  addressing_style = path";
    }

    /// <summary>The <c>[services]</c> section the profiles point to: each API's <c>endpoint_url</c>.</summary>
    public static string ServicesBlock(string baseUrl)
    {
        var text = new StringBuilder($"[services {SessionName}]");
        foreach (var endpoint in Endpoints)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{endpoint.ServiceKey} =\n  endpoint_url = {EndpointUrl(baseUrl, endpoint)}");
        }

        return text.ToString();
    }

    /// <summary>The same endpoint overrides as environment variables, for tools that read no config file.</summary>
    public static string EnvironmentVariables(CredentialShell shell, string baseUrl) => string.Join('\n', Endpoints.Select(e =>
    {
        var name = "AWS_ENDPOINT_URL_" + e.EnvironmentSuffix;
        var value = EndpointUrl(baseUrl, e);
        return shell switch
        {
            CredentialShell.WindowsCmd => $"set {name}={value}",
            CredentialShell.PowerShell => $"$Env:{name}=\"{value}\"",
            _ => $"export {name}=\"{value}\"",
        };
    }));

    /// <summary>The commands to run once the config is in place, for the first profile (or a placeholder).</summary>
    public static string NextCommands(CliProfile? first)
    {
        var profile = first?.ProfileName ?? "<profile>";
        return $"aws sso login --profile {profile}\naws sts get-caller-identity --profile {profile}\naws sso logout";
    }

    /// <summary>For a new profile without copying the blocks: <c>aws configure sso</c> asks for the values on this page.</summary>
    public static string ConfigureSsoCommand => "aws configure sso";

    /// <summary>AWS CLI before 2.13 (Debian ships 2.9) reads neither the services section nor the variables: one --endpoint-url per command.</summary>
    public static string OldCliCommands(string baseUrl, CliProfile? first)
    {
        var sso = EndpointUrl(baseUrl, Endpoints[0]);
        var sts = EndpointUrl(baseUrl, Endpoints[2]);
        var account = first?.AccountId ?? "<account id>";
        var role = first?.RoleName ?? "<role name>";
        return $"aws sso list-accounts --endpoint-url {sso} --access-token <token>\naws sso get-role-credentials --endpoint-url {sso} --account-id {account} --role-name {role} --access-token <token>\naws sts get-caller-identity --endpoint-url {sts}";
    }

    private static string Base(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
    }
}
