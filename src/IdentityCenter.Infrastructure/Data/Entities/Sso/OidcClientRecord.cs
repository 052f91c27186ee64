namespace IdentityCenter.Infrastructure.Data.Entities.Sso;

/// <summary>
/// A public client registered through SSO-OIDC <c>RegisterClient</c> (the AWS CLI, an SDK). Only the SHA-256 of
/// the client secret is kept. Lists are stored space-separated (scopes and grant types hold no spaces; redirect
/// URIs are absolute URIs, which hold none either).
/// </summary>
public sealed class OidcClientRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public string Scopes { get; set; } = "";

    public string GrantTypes { get; set; } = "";

    public string RedirectUris { get; set; } = "";

    public string? IssuerUrl { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The client id and secret stop working at this time (90 days after registration, as in AWS).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public string? SourceIpAddress { get; set; }
}
