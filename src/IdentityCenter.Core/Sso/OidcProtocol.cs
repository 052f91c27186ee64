using System.Net;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core.Organizations;

namespace IdentityCenter.Core.Sso;

/// <summary>OAuth grant type names as SSO-OIDC's <c>CreateToken</c> and <c>RegisterClient</c> spell them.</summary>
public static class OidcGrantTypes
{
    public const string DeviceCode = "urn:ietf:params:oauth:grant-type:device_code";
    public const string RefreshToken = "refresh_token";
    public const string AuthorizationCode = "authorization_code";

    public static IReadOnlyList<string> All { get; } = [DeviceCode, RefreshToken, AuthorizationCode];
}

/// <summary>Scopes IdentityCenter knows; <see cref="AccountAccess"/> lets a token use the SSO portal API.</summary>
public static class OidcScopes
{
    public const string AccountAccess = "sso:account:access";

    /// <summary>A scope is 1-256 visible characters without spaces (it travels space-joined in <c>/authorize</c>).</summary>
    public static bool IsWellFormed(string? scope) =>
        !string.IsNullOrEmpty(scope) && scope.Length <= 256 && scope.All(c => c > ' ' && c < 0x7f);

    /// <summary>
    /// Whether a token with <paramref name="grantedScopes"/> may call the SSO portal API: clients that registered
    /// without scopes (the legacy CLI flow) may, and so may those granted <see cref="AccountAccess"/>.
    /// </summary>
    public static bool AllowsAccountAccess(IReadOnlyCollection<string> grantedScopes)
    {
        ArgumentNullException.ThrowIfNull(grantedScopes);
        return grantedScopes.Count == 0 || grantedScopes.Contains(AccountAccess, StringComparer.Ordinal);
    }
}

/// <summary>
/// The protocol rules of SSO-OIDC that need no storage: secrets and their hashes, user codes, PKCE and
/// loopback redirect URIs (RFC 8252: any port on a loopback IP literal).
/// </summary>
public static class OidcProtocol
{
    /// <summary>RFC 8628's suggestion: consonants only, no vowels (no words) and nothing that looks alike (0/O, 1/I/L).</summary>
    public const string UserCodeAlphabet = "BCDFGHJKMNPQRSTVWXZ";

    /// <summary>A fresh user code, <c>XXXX-XXXX</c>.</summary>
    public static string NewUserCode(IRandomSource random)
    {
        var raw = RandomStrings.Create(random, UserCodeAlphabet, 8);
        return string.Concat(raw.AsSpan(0, 4), "-", raw.AsSpan(4, 4));
    }

    /// <summary>
    /// The canonical form of a typed user code (upper case, dashes and spaces removed) or null when it cannot be
    /// one (wrong length or a character outside the alphabet).
    /// </summary>
    public static string? NormalizeUserCode(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var builder = new StringBuilder(8);
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!UserCodeAlphabet.Contains(upper, StringComparison.Ordinal) || builder.Length == 8)
            {
                return null;
            }

            builder.Append(upper);
        }

        return builder.Length == 8 ? builder.ToString() : null;
    }

    /// <summary><c>ABCDEFGH</c> as shown to people: <c>ABCD-EFGH</c>.</summary>
    public static string FormatUserCode(string normalized) =>
        normalized is { Length: 8 } ? string.Concat(normalized.AsSpan(0, 4), "-", normalized.AsSpan(4, 4)) : normalized;

    /// <summary>An unguessable token (256 random bits, base64url) with an optional readable prefix.</summary>
    public static string NewSecret(IRandomSource random, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[32];
        random.Fill(bytes);
        return prefix + Base64Url(bytes);
    }

    /// <summary>A public identifier (128 random bits, base64url).</summary>
    public static string NewId(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> bytes = stackalloc byte[16];
        random.Fill(bytes);
        return Base64Url(bytes);
    }

    /// <summary>
    /// What the database keeps of a secret: SHA-256, lower-case hex. The secrets are 256 random bits, so a fast
    /// hash is enough (nothing to brute-force), and equal inputs give equal hashes, so a secret is found by its hash.
    /// </summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Constant-time comparison of a presented secret with a stored hash.</summary>
    public static bool Matches(string? secret, string storedHash) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash ?? ""));

    /// <summary>RFC 7636 S256: BASE64URL(SHA256(ASCII(verifier))) equals the challenge; the verifier is 43-128 unreserved characters.</summary>
    public static bool VerifyPkce(string? codeVerifier, string codeChallenge)
    {
        if (codeVerifier is null || codeVerifier.Length is < 43 or > 128 || !codeVerifier.All(IsUnreserved))
        {
            return false;
        }

        var expected = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(codeChallenge ?? ""));
    }

    /// <summary>A code challenge as RFC 7636 allows it: 43-128 base64url characters.</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: >= 43 and <= 128 } && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// A redirect URI a public client may register: <c>http</c> to a loopback IP literal (127.0.0.0/8 or [::1]),
    /// with or without a port, no fragment (RFC 8252 section 7.3; "localhost" is not accepted, section 8.3).
    /// </summary>
    public static bool IsLoopbackRedirectUri(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && parsed.Scheme == Uri.UriSchemeHttp
        && parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)
        && parsed.Fragment.Length == 0
        && parsed.UserInfo.Length == 0;

    /// <summary>
    /// Whether the redirect URI of an authorization request matches one the client registered: same loopback
    /// host, path and query, any port (the CLI registers <c>http://127.0.0.1/oauth/callback</c> and listens on a
    /// random port).
    /// </summary>
    public static bool MatchesRegisteredRedirect(string? requested, IEnumerable<string> registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (!IsLoopbackRedirectUri(requested))
        {
            return false;
        }

        var asked = new Uri(requested!);
        return registered.Any(r => IsLoopbackRedirectUri(r) && new Uri(r) is var allowed
            && string.Equals(allowed.Host, asked.Host, StringComparison.OrdinalIgnoreCase)
            && string.Equals(allowed.AbsolutePath, asked.AbsolutePath, StringComparison.Ordinal)
            && string.Equals(allowed.Query, asked.Query, StringComparison.Ordinal));
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
