namespace IdentityCenter.Core.Credentials;

/// <summary>
/// The web layer's current snapshot: reads are a volatile load, changes are applied atomically (a
/// compare-and-swap loop), so a revocation is visible to the very next check on any thread.
/// </summary>
public sealed class RevocationSnapshotHolder(RevocationSnapshot initial)
{
    private RevocationSnapshot _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public RevocationSnapshot Current => Volatile.Read(ref _current);

    public RevocationSnapshot Update(Func<RevocationSnapshot, RevocationSnapshot> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var before = Volatile.Read(ref _current);
            var after = change(before);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _current, after, before), before))
            {
                return after;
            }
        }
    }
}
