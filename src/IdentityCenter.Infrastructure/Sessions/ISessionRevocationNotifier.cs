namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>
/// Tells live Blazor circuits that their session ended, so they can navigate to sign-in at once
/// instead of waiting for the next revalidation. Singleton.
/// </summary>
public interface ISessionRevocationNotifier
{
    /// <summary>Calls <paramref name="onRevoked"/> (on a thread-pool thread) when the session ends. Dispose to unsubscribe.</summary>
    IDisposable Subscribe(string sessionId, Action onRevoked);
}
