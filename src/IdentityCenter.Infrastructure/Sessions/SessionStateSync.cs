using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Data.Generations;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Sessions;

/// <summary>
/// When any instance ends sessions (<see cref="ChangeConcerns.Sessions"/> moved), re-checks the sessions
/// this instance holds as active or watches from a circuit, and revokes those that ended, expired or whose
/// user was disabled or deleted, so their cookies and open pages stop here too within a tick.
/// </summary>
internal sealed class SessionStateSync(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    SessionStateCache cache,
    TimeProvider timeProvider) : IChangeGenerationListener
{
    private const int ChunkSize = 1000;

    public string Concern => ChangeConcerns.Sessions;

    public async Task OnChangedAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var candidates = cache.BeginRecheck(now);
        if (candidates.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var chunk in candidates.Chunk(ChunkSize))
        {
            var active = await db.UserSessions.AsNoTracking()
                .Where(s => chunk.Contains(s.Id) && s.EndedAt == null && s.ExpiresAt > now && db.Users.Any(u => u.Id == s.UserId && u.Enabled))
                .Select(s => s.Id)
                .ToListAsync(cancellationToken);
            cache.Revoke(chunk.Except(active, StringComparer.Ordinal), now);
        }
    }
}
