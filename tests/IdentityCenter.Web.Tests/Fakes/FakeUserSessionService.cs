using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Directory;
using IdentityCenter.Infrastructure.Sessions;

namespace IdentityCenter.Web.Tests.Fakes;

public sealed class FakeUserSessionService : IUserSessionService
{
    public List<SessionInfo> Sessions { get; } = [];

    public List<(string UserId, string SessionId)> Ended { get; } = [];

    public List<string> EndedAll { get; } = [];

    /// <summary>When set, ending sessions throws it, as a storage failure would.</summary>
    public Exception? StorageFailure { get; set; }

    public static SessionInfo NewSession(string id, string userId) => new(
        id, userId, new DateTimeOffset(2026, 1, 2, 3, 4, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 2, 11, 4, 0, TimeSpan.Zero), "10.1.2.3", "Firefox", true, false, true, null, null);

    public Task<SessionInfo> CreateAsync(NewSession session, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<bool> IsActiveAsync(string? sessionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Sessions.Any(s => s.Id == sessionId && s.IsActive));

    public Task<SessionInfo?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Sessions.FirstOrDefault(s => s.Id == sessionId));

    public Task<IReadOnlyList<SessionInfo>> ListForUserAsync(string userId, bool includeEnded = false, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SessionInfo>>(Sessions.Where(s => s.UserId == userId && (includeEnded || s.IsActive)).ToList());

    public Task<OperationResult> EndSessionAsync(string userId, string sessionId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult>(storage);
        }

        Ended.Add((userId, sessionId));
        var index = Sessions.FindIndex(s => s.Id == sessionId);
        Sessions[index] = Sessions[index] with { IsActive = false };
        return Task.FromResult(OperationResult.Success);
    }

    public Task<OperationResult<int>> EndAllSessionsAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        if (StorageFailure is { } storage)
        {
            return Task.FromException<OperationResult<int>>(storage);
        }

        EndedAll.Add(userId);
        var count = 0;
        for (var i = 0; i < Sessions.Count; i++)
        {
            if (Sessions[i].UserId == userId && Sessions[i].IsActive)
            {
                Sessions[i] = Sessions[i] with { IsActive = false };
                count++;
            }
        }

        return Task.FromResult(OperationResult.Ok(count));
    }

    public Task EndOnSignOutAsync(string sessionId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
