using System.Net;

namespace IdentityCenter.Infrastructure.Configuration;

/// <summary>
/// Which reverse proxies are trusted (<c>IdentityCenter:Proxy</c>). Only requests whose direct peer is one of
/// these have their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> applied; everyone else's are ignored.
/// Both empty (the default): no forwarded header is trusted.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Comma-separated IP addresses of trusted proxies, for example <c>10.0.0.5,10.0.0.6</c>.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Comma-separated networks (CIDR) of trusted proxies, for example <c>10.0.0.0/8,fd00::/8</c>.</summary>
    public string KnownNetworks { get; set; } = "";

    /// <summary>True when at least one proxy or network is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(KnownProxies) || !string.IsNullOrWhiteSpace(KnownNetworks);

    /// <summary>The configured proxy addresses; entries that do not parse are left out (the validator reports them).</summary>
    public IReadOnlyList<IPAddress> ParseKnownProxies() =>
        [.. Split(KnownProxies).Select(e => IPAddress.TryParse(e, out var a) ? a : null).OfType<IPAddress>()];

    /// <summary>The configured proxy networks; entries that do not parse are left out (the validator reports them).</summary>
    public IReadOnlyList<IPNetwork> ParseKnownNetworks() =>
        [.. Split(KnownNetworks).Select(e => IPNetwork.TryParse(e, out var n) ? n : (IPNetwork?)null).OfType<IPNetwork>()];

    internal static IEnumerable<string> Split(string list) =>
        list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// Per-client request limits (<c>IdentityCenter:RateLimits</c>), on top of account lockout. A client is its IP
/// address (an IPv6 client its /64), after trusted forwarded headers; <c>/api/authorize</c> is limited per service key.
/// </summary>
public sealed class RateLimitsOptions
{
    /// <summary>Form posts of the account pages: sign-in (user name, password, authenticator code), password change, MFA enrolment.</summary>
    public RateLimitOptions SignIn { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>The portal API (<c>/api/portal/*</c>), which issues role credentials.</summary>
    public RateLimitOptions Credentials { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>The token check API (<c>/api/authorize</c>), per resource service key: generous, it is a hot path.</summary>
    public RateLimitOptions Authorize { get; set; } = new() { PermitLimit = 20_000, Window = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// The administrative AWS APIs (<c>/aws/identitystore</c>, <c>/aws/sso-admin</c>, <c>/aws/organizations</c>), per client:
    /// room for Terraform's parallel plans and applies, a stop for a runaway script.
    /// </summary>
    public RateLimitOptions Administration { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>At most <see cref="PermitLimit"/> requests per client in each <see cref="Window"/> (fixed windows); more get 429 with Retry-After.</summary>
public sealed class RateLimitOptions
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Checks of the public URL, proxy and rate limit settings; each problem says what to fix.</summary>
internal static class HttpEdgeOptionsValidator
{
    public static IEnumerable<string> FindProblems(IdentityCenterOptions options)
    {
        var prefix = IdentityCenterOptions.SectionName;
        if (!string.IsNullOrEmpty(options.PublicUrl) && IdentityCenterOptions.ParsePublicUrl(options.PublicUrl) is null)
        {
            yield return $"{prefix}:PublicUrl: '{options.PublicUrl}' is not an origin. Use the scheme, host and optional port the users' browsers see, for example https://iam.example.com (no path, query or fragment).";
        }

        foreach (var entry in ProxyOptions.Split(options.Proxy.KnownProxies).Where(e => !IPAddress.TryParse(e, out _)))
        {
            yield return $"{prefix}:Proxy:KnownProxies: '{entry}' is not an IP address. List the proxies' addresses separated by commas, for example 10.0.0.5,10.0.0.6.";
        }

        foreach (var entry in ProxyOptions.Split(options.Proxy.KnownNetworks).Where(e => !IPNetwork.TryParse(e, out _)))
        {
            yield return $"{prefix}:Proxy:KnownNetworks: '{entry}' is not a network in CIDR notation. Write it as address/prefix with no host bits set, for example 10.0.0.0/8 or fd00::/8.";
        }

        foreach (var (name, limit) in new[] { ("SignIn", options.RateLimits.SignIn), ("Credentials", options.RateLimits.Credentials), ("Authorize", options.RateLimits.Authorize), ("Administration", options.RateLimits.Administration) })
        {
            if (limit.PermitLimit < 1)
            {
                yield return $"{prefix}:RateLimits:{name}:PermitLimit: {limit.PermitLimit} must be at least 1 (requests per client per window).";
            }

            if (limit.Window <= TimeSpan.Zero || limit.Window > TimeSpan.FromDays(1))
            {
                yield return $"{prefix}:RateLimits:{name}:Window: {limit.Window} must be a positive time span of at most one day, for example 00:01:00.";
            }
        }
    }
}
