using IdentityCenter.Core.Credentials;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class RevocationSnapshotTests
{
    private static readonly DateTimeOffset T = CredentialTestData.Start;
    private const string UserId = "7f0c1a8e-3b1d-4c55-9a3e-1d2f3a4b5c6d";
    private const string Account = "111122223333";
    private const string PermissionSet = "ps-0123456789abcdef";

    private static SessionClaims IssuedAt(DateTimeOffset at, params string[] grants) =>
        CredentialTestData.Claims(at) with { GrantingPrincipalIds = grants };

    [Fact]
    public void Check_EmptySnapshot_NotRevoked() =>
        Assert.Null(RevocationSnapshot.Empty.Check(IssuedAt(T, UserId)));

    [Fact]
    public void RevokeUser_TokensIssuedUpToWatermarkRevokedLaterOnesNot()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeUser(UserId, T.AddMinutes(5));

        Assert.Equal(CredentialErrorCode.TokenRevoked, snapshot.Check(IssuedAt(T, UserId))!.Code);
        Assert.NotNull(snapshot.Check(IssuedAt(T.AddMinutes(5), UserId)));
        Assert.Null(snapshot.Check(IssuedAt(T.AddMinutes(5).AddMilliseconds(1), UserId)));
        Assert.Null(snapshot.Check(IssuedAt(T, UserId) with { UserId = "someone-else" }));
    }

    [Fact]
    public void RevokeUser_EarlierWatermarkAfterLater_KeepsLater()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeUser(UserId, T.AddHours(1)).RevokeUser(UserId, T);

        Assert.Equal(T.AddHours(1), snapshot.UserWatermarks[UserId]);
    }

    [Fact]
    public void RevokeAll_EveryoneIssuedBeforeRevoked()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeAll(T.AddMinutes(1));

        Assert.NotNull(snapshot.Check(IssuedAt(T, UserId) with { UserId = "any" }));
        Assert.Null(snapshot.Check(IssuedAt(T.AddMinutes(2), UserId)));
    }

    [Fact]
    public void RevokeAssignment_OnlyGrantRemoved_Revoked()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeAssignment(Account, PermissionSet, "group-devs", T.AddMinutes(1));

        var error = snapshot.Check(IssuedAt(T, "group-devs"));

        Assert.Equal(CredentialErrorCode.TokenRevoked, error!.Code);
        Assert.Contains("assignment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RevokeAssignment_GroupRemovedButDirectRemains_StillValid()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeAssignment(Account, PermissionSet, "group-devs", T.AddMinutes(1));

        Assert.Null(snapshot.Check(IssuedAt(T, UserId, "group-devs")));
        Assert.NotNull(snapshot.RevokeAssignment(Account, PermissionSet, UserId, T.AddMinutes(2)).Check(IssuedAt(T, UserId, "group-devs")));
    }

    [Fact]
    public void RevokeAssignment_OtherAccountOrPermissionSet_NoEffect()
    {
        var snapshot = RevocationSnapshot.Empty
            .RevokeAssignment("999999999999", PermissionSet, "group-devs", T.AddMinutes(1))
            .RevokeAssignment(Account, "ps-ffffffffffffffff", "group-devs", T.AddMinutes(1));

        Assert.Null(snapshot.Check(IssuedAt(T, "group-devs")));
    }

    [Fact]
    public void RevokeAssignment_TokenIssuedAfterReassignment_Valid()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeAssignment(Account, PermissionSet, "group-devs", T);

        Assert.Null(snapshot.Check(IssuedAt(T.AddSeconds(1), "group-devs")));
    }

    [Fact]
    public void RevokeMembership_UserLeftOnlyGrantingGroup_Revoked()
    {
        var snapshot = RevocationSnapshot.Empty.RevokeMembership("group-devs", UserId, T.AddMinutes(1));

        Assert.NotNull(snapshot.Check(IssuedAt(T, "group-devs")));
        Assert.Null(snapshot.Check(IssuedAt(T, "group-devs") with { UserId = "other-user" }));
        Assert.Null(snapshot.Check(IssuedAt(T, UserId, "group-devs")));
    }

    [Fact]
    public void Prune_OldEntriesDroppedGlobalKept()
    {
        var snapshot = RevocationSnapshot.Empty
            .RevokeAll(T)
            .RevokeUser(UserId, T)
            .RevokeAssignment(Account, PermissionSet, UserId, T)
            .RevokeMembership("g", UserId, T)
            .RevokeUser("recent", T.AddHours(11));

        var pruned = snapshot.Prune(T.AddHours(12));

        Assert.Equal(T, pruned.GlobalRevokedBefore);
        Assert.Equal(["recent"], pruned.UserWatermarks.Keys);
        Assert.Empty(pruned.AssignmentRevocations);
        Assert.Empty(pruned.MembershipRevocations);
    }

    [Fact]
    public void Snapshot_Changes_DoNotAlterEarlierSnapshot()
    {
        var before = RevocationSnapshot.Empty;

        var after = before.RevokeUser(UserId, T);

        Assert.Empty(before.UserWatermarks);
        Assert.Single(after.UserWatermarks);
    }
}
