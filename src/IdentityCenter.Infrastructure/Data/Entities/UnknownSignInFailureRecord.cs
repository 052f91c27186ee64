namespace IdentityCenter.Infrastructure.Data.Entities;

/// <summary>
/// Failed sign-ins for a user name that does not exist, kept in the database so every instance (and a
/// restart) counts them as one, exactly as a real account's failure count is kept on its user row.
/// </summary>
public sealed class UnknownSignInFailureRecord
{
    /// <summary>The normalized user name that was typed.</summary>
    public string NormalizedName { get; set; } = "";

    public int Failures { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }
}
