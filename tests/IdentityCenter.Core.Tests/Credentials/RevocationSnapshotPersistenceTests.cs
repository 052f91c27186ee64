using IdentityCenter.Core.Credentials;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class RevocationSnapshotPersistenceTests
{
    private static readonly DateTimeOffset T = CredentialTestData.Start;

    [Fact]
    public void Create_FromPersistedEntries_SameDecisionsAsIncrementalChanges()
    {
        var incremental = RevocationSnapshot.Empty
            .RevokeAll(T.AddMinutes(-30))
            .RevokeUser("u1", T)
            .RevokeUser("u1", T.AddMinutes(-5))
            .RevokeAssignment("111122223333", "ps-0123456789abcdef", "g1", T)
            .RevokeMembership("g2", "u2", T);

        var restored = RevocationSnapshot.Create(
            T.AddMinutes(-30),
            [new("u1", T.AddMinutes(-5)), new("u1", T)],
            [new RevokedAssignment("111122223333", "ps-0123456789abcdef", "g1", T)],
            [new RevokedMembership("g2", "u2", T)]);

        Assert.Equal(incremental.GlobalRevokedBefore, restored.GlobalRevokedBefore);
        Assert.Equal(incremental.UserWatermarks, restored.UserWatermarks);
        Assert.Equal(incremental.AssignmentRevocations, restored.AssignmentRevocations);
        Assert.Equal(incremental.MembershipRevocations, restored.MembershipRevocations);
    }

    [Fact]
    public void Holder_ConcurrentUpdates_NoneLost()
    {
        var holder = new RevocationSnapshotHolder(RevocationSnapshot.Empty);

        Parallel.For(0, 200, i => holder.Update(s => s.RevokeUser($"user-{i}", T)));

        Assert.Equal(200, holder.Current.UserWatermarks.Count);
    }
}
