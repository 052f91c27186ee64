namespace IdentityCenter.Infrastructure.Data.Entities.Sso;

/// <summary>
/// One request for a person's consent: a device authorization (<c>StartDeviceAuthorization</c>, found by the hash
/// of its device code or user code) or an authorization-code request (<c>/authorize</c>, found by its id, then by the
/// hash of the code it issued). The person approves or denies it on the portal; the approving sign-in session is
/// recorded, and the tokens it leads to live and die with that session. Single use: redeemed once.
/// </summary>
public sealed class OidcAuthorizationRecord
{
    public string Id { get; set; } = "";

    /// <summary><see cref="OidcAuthorizationKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? DeviceCodeHash { get; set; }

    public string? UserCodeHash { get; set; }

    /// <summary>The hash of the authorization code, set when the person allows an authorization-code request.</summary>
    public string? CodeHash { get; set; }

    /// <summary>PKCE S256 challenge of an authorization-code request.</summary>
    public string? CodeChallenge { get; set; }

    /// <summary>The exact redirect URI (with its port) of an authorization-code request.</summary>
    public string? RedirectUri { get; set; }

    /// <summary>The client's opaque <c>state</c>, echoed to the redirect URI.</summary>
    public string? State { get; set; }

    public string Scopes { get; set; } = "";

    public string? StartUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the request can no longer be approved or redeemed (600 s for a device code).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary><see cref="OidcAuthorizationStatuses"/>.</summary>
    public string Status { get; set; } = OidcAuthorizationStatuses.Pending;

    public string? UserId { get; set; }

    public string? SessionId { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset? RedeemedAt { get; set; }
}

public static class OidcAuthorizationKinds
{
    public const string Device = "device";
    public const string Code = "code";
}

public static class OidcAuthorizationStatuses
{
    public const string Pending = nameof(Pending);
    public const string Approved = nameof(Approved);
    public const string Denied = nameof(Denied);
    public const string Redeemed = nameof(Redeemed);
}
