namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>The kinds of persisted revocation.</summary>
public static class RevocationKinds
{
    public const string All = nameof(All);
    public const string User = nameof(User);
    public const string Assignment = nameof(Assignment);
    public const string Membership = nameof(Membership);
}
