namespace IdentityCenter.Infrastructure.Data.Entities.Credentials;

/// <summary>A session-token key: the AES key bytes protected with Data Protection, never stored in clear.</summary>
public sealed class TokenKeyRecord
{
    public string KeyId { get; set; } = "";

    public string ProtectedMaterial { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>True for the one key that seals new tokens.</summary>
    public bool IsActive { get; set; }
}
