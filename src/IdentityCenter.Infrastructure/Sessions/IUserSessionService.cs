using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;

namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>
/// Portal sign-in sessions. The auth cookie carries the session id (claim
/// <c>IdentityCenterClaimTypes.SessionId</c>); <see cref="IsActiveAsync"/> is checked on every request
/// (cookie validation) and should be checked on circuit events, so ending a session signs the user out
/// at the next request. Ending is immediate: the in-process cache is updated before the call returns
/// and <see cref="ISessionRevocationNotifier"/> subscribers are told.
/// </summary>
public interface IUserSessionService
{
    /// <summary>Called by the sign-in manager; the expiry comes from the portal session duration setting.</summary>
    Task<SessionInfo> CreateAsync(NewSession session, CancellationToken cancellationToken = default);

    /// <summary>Fast, cached validity check (false when ended, expired or unknown). Also records "last seen", at most once a minute.</summary>
    ValueTask<bool> IsActiveAsync(string? sessionId, CancellationToken cancellationToken = default);

    Task<SessionInfo?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Newest first; ended sessions too when <paramref name="includeEnded"/>.</summary>
    Task<IReadOnlyList<SessionInfo>> ListForUserAsync(string userId, bool includeEnded = false, CancellationToken cancellationToken = default);

    /// <summary>Ends one session of the user (admin delete, or the user on /account). Audited as BatchDeleteSession.</summary>
    Task<OperationResult> EndSessionAsync(string userId, string sessionId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Ends every active session of the user; returns how many ended. Audited as BatchDeleteSession.</summary>
    Task<OperationResult<int>> EndAllSessionsAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Ends the session on sign-out (audited by the sign-in manager as SignOut).</summary>
    Task EndOnSignOutAsync(string sessionId, CancellationToken cancellationToken = default);
}
