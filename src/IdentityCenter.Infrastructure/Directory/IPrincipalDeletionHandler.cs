using IdentityCenter.Core.Audit;

namespace IdentityCenter.Infrastructure.Directory;

/// <summary>
/// Told after a user or group has been deleted, so features that refer to principals (account
/// assignments) remove what pointed at it. Registered by those features; none by default.
/// </summary>
public interface IPrincipalDeletionHandler
{
    Task OnUserDeletedAsync(string userId, Actor actor, CancellationToken cancellationToken = default);

    Task OnGroupDeletedAsync(string groupId, Actor actor, CancellationToken cancellationToken = default);
}
