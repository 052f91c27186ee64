namespace IdentityCenter.Infrastructure.Sso;

/// <summary>Audit event names and sources of the AWS CLI and SDK sign-in (CloudTrail's names where AWS has one).</summary>
public static class SsoAuditNames
{
    /// <summary>SSO-OIDC calls (CloudTrail's event source for them).</summary>
    public const string OidcSource = "sso-oauth.amazonaws.com";

    public const string RegisterClient = nameof(RegisterClient);
    public const string StartDeviceAuthorization = nameof(StartDeviceAuthorization);
    public const string CreateToken = nameof(CreateToken);

    /// <summary>The browser's <c>/authorize</c> (authorization code with PKCE) opened a consent request.</summary>
    public const string StartAuthorization = nameof(StartAuthorization);

    /// <summary>A person allowed or denied a client on the portal (responseElements.decision).</summary>
    public const string AuthorizeClient = nameof(AuthorizeClient);

    // SSO portal API (event source sso.amazonaws.com); GetRoleCredentials is audited by the credential service.
    public const string ListAccounts = nameof(ListAccounts);
    public const string ListAccountRoles = nameof(ListAccountRoles);
    public const string Logout = nameof(Logout);

    public static IReadOnlyList<string> All { get; } =
        [RegisterClient, StartDeviceAuthorization, CreateToken, StartAuthorization, AuthorizeClient, ListAccounts, ListAccountRoles, Logout];
}

/// <summary>Fixed lifetimes of the SSO-OIDC flow (AWS's values where AWS states them).</summary>
public static class SsoOidcLimits
{
    /// <summary>A client registration lasts 90 days.</summary>
    public static TimeSpan ClientLifetime { get; } = TimeSpan.FromDays(90);

    /// <summary>A device code may be approved and redeemed for 10 minutes (<c>expiresIn</c> 600).</summary>
    public static TimeSpan DeviceCodeLifetime { get; } = TimeSpan.FromSeconds(600);

    /// <summary>Poll no faster than this (<c>interval</c> 5); faster gets SlowDownException.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Time to sign in and decide on an authorization-code request.</summary>
    public static TimeSpan ConsentRequestLifetime { get; } = TimeSpan.FromMinutes(10);

    /// <summary>An authorization code must be redeemed within 5 minutes.</summary>
    public static TimeSpan AuthorizationCodeLifetime { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows past their expiry are deleted after this grace (so a late poll still gets ExpiredTokenException, not a bare InvalidGrant).</summary>
    public static TimeSpan PruneGrace { get; } = TimeSpan.FromDays(1);
}
