namespace IdentityCenter.Infrastructure.Data.Entities.Credentials;

/// <summary>A service allowed to call <c>/api/authorize</c>; only the SHA-256 of its API key is kept.</summary>
public sealed class ResourceServiceRecord
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Lower-case hex SHA-256 of the API key.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>The first characters of the key, so an administrator can tell keys apart.</summary>
    public string KeyPrefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Built in (the portal playground); each instance holds its own key in memory (the stored hash is of no key), and it cannot be deleted.</summary>
    public bool IsInternal { get; set; }

    /// <summary>
    /// Whether the service may still ask <c>/api/authorize</c> about a bare access key id and session token
    /// (no proof of the secret). Off for services registered now: they forward the client's SigV4-signed
    /// request. The migration that added it set it on for the services that existed then.
    /// </summary>
    public bool AllowBareTokens { get; set; }
}
