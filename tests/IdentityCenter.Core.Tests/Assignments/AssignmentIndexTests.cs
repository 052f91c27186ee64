using IdentityCenter.Core.Assignments;

namespace IdentityCenter.Core.Tests.Assignments;

public sealed class AssignmentIndexTests
{
    private const string Prod = "111111111111";
    private const string Dev = "222222222222";
    private const string Admin = "ps-aaaaaaaaaaaaaaaa";
    private const string ReadOnly = "ps-bbbbbbbbbbbbbbbb";

    private static AccountAssignment ToUser(string account, string ps, string user) => new(account, ps, PrincipalType.User, user);

    private static AccountAssignment ToGroup(string account, string ps, string group) => new(account, ps, PrincipalType.Group, group);

    [Fact]
    public void ResolveUser_DirectOnly_MarkedDirect()
    {
        var index = AssignmentIndex.Build([ToUser(Prod, Admin, "alice")], []);

        var access = Assert.Single(index.ResolveUser("alice"));

        Assert.Equal((Prod, Admin, true), (access.AccountId, access.PermissionSetId, access.IsDirect));
        Assert.Empty(access.ViaGroupIds);
        Assert.Equal(["alice"], access.GrantingPrincipalIds("alice"));
    }

    [Fact]
    public void ResolveUser_GroupOnly_MarkedWithGroup()
    {
        var index = AssignmentIndex.Build([ToGroup(Dev, ReadOnly, "devs")], [new GroupMembership("devs", "bob")]);

        var access = Assert.Single(index.ResolveUser("bob"));

        Assert.False(access.IsDirect);
        Assert.Equal(["devs"], access.ViaGroupIds);
        Assert.Empty(index.ResolveUser("alice"));
    }

    [Fact]
    public void ResolveUser_DirectAndTwoGroupsSamePair_OneEntryMarkedAllWays()
    {
        var index = AssignmentIndex.Build(
            [ToUser(Prod, ReadOnly, "carol"), ToGroup(Prod, ReadOnly, "auditors"), ToGroup(Prod, ReadOnly, "ops"), ToGroup(Dev, Admin, "ops")],
            [new GroupMembership("auditors", "carol"), new GroupMembership("ops", "carol")]);

        var access = index.ResolveUser("carol");

        Assert.Equal([(Prod, ReadOnly), (Dev, Admin)], access.Select(a => (a.AccountId, a.PermissionSetId)));
        var prod = access[0];
        Assert.True(prod.IsDirect);
        Assert.Equal(["auditors", "ops"], prod.ViaGroupIds.Order(StringComparer.Ordinal));
        Assert.Equal(["carol", "auditors", "ops"], prod.GrantingPrincipalIds("carol").Take(1).Concat(prod.GrantingPrincipalIds("carol").Skip(1).Order(StringComparer.Ordinal)));
        Assert.False(access[1].IsDirect);
        Assert.Equal(["ops"], access[1].ViaGroupIds);
    }

    [Fact]
    public void ResolveUser_DuplicateAssignmentsAndMemberships_CountedOnce()
    {
        var index = AssignmentIndex.Build(
            [ToGroup(Dev, Admin, "ops"), ToGroup(Dev, Admin, "ops"), ToUser(Dev, Admin, "dan"), ToUser(Dev, Admin, "dan")],
            [new GroupMembership("ops", "dan"), new GroupMembership("ops", "dan")]);

        var access = Assert.Single(index.ResolveUser("dan"));

        Assert.Equal(["ops"], access.ViaGroupIds);
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void Find_ThroughGroupOnly_ReturnsGroupAsGrantor()
    {
        var index = AssignmentIndex.Build([ToGroup(Prod, Admin, "admins"), ToUser(Prod, ReadOnly, "erin")], [new GroupMembership("admins", "erin")]);

        var admin = index.Find("erin", Prod, Admin);
        var readOnly = index.Find("erin", Prod, ReadOnly);

        Assert.Equal(["admins"], admin!.GrantingPrincipalIds("erin"));
        Assert.Equal(["erin"], readOnly!.GrantingPrincipalIds("erin"));
        Assert.Null(index.Find("erin", Dev, Admin));
        Assert.Null(index.Find("frank", Prod, Admin));
        Assert.Null(index.Find("erin", Prod, "ps-unknownunknown0"));
    }

    [Fact]
    public void Build_AfterMembershipRemoved_AccessGone()
    {
        var assignments = new[] { ToGroup(Prod, Admin, "admins") };
        var before = AssignmentIndex.Build(assignments, [new GroupMembership("admins", "gina")]);

        var after = AssignmentIndex.Build(assignments, []);

        Assert.Single(before.ResolveUser("gina"));
        Assert.Empty(after.ResolveUser("gina"));
    }

    [Fact]
    public void Lists_PerAccountPermissionSetAndPrincipal()
    {
        var index = AssignmentIndex.Build(
            [ToUser(Prod, Admin, "alice"), ToGroup(Prod, ReadOnly, "auditors"), ToGroup(Dev, ReadOnly, "auditors")], []);

        Assert.Equal(2, index.GetAssignmentsForAccount(Prod).Count);
        Assert.Equal(2, index.GetAssignmentsForPermissionSet(ReadOnly).Count);
        Assert.Equal([Prod, Dev], index.GetAssignmentsForPrincipal(PrincipalType.Group, "auditors").Select(a => a.AccountId));
        Assert.Empty(index.GetAssignmentsForPrincipal(PrincipalType.User, "auditors"));
        Assert.Empty(index.GetAssignmentsForAccount("999999999999"));
    }

    [Fact]
    public void ResolveUser_RandomData_MatchesNaiveResolution()
    {
        var random = new Random(20261124);
        var users = Enumerable.Range(0, 200).Select(i => $"u{i}").ToArray();
        var groups = Enumerable.Range(0, 30).Select(i => $"g{i}").ToArray();
        var accounts = Enumerable.Range(0, 15).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var sets = Enumerable.Range(0, 12).Select(i => $"ps-{i:x16}").ToArray();
        var assignments = Enumerable.Range(0, 1500).Select(_ =>
        {
            var toGroup = random.Next(3) == 0;
            return new AccountAssignment(
                accounts[random.Next(accounts.Length)],
                sets[random.Next(sets.Length)],
                toGroup ? PrincipalType.Group : PrincipalType.User,
                toGroup ? groups[random.Next(groups.Length)] : users[random.Next(users.Length)]);
        }).ToList();
        var memberships = Enumerable.Range(0, 600).Select(_ => new GroupMembership(groups[random.Next(groups.Length)], users[random.Next(users.Length)])).ToList();

        var index = AssignmentIndex.Build(assignments, memberships);

        foreach (var user in users)
        {
            var userGroups = memberships.Where(m => m.UserId == user).Select(m => m.GroupId).ToHashSet();
            var expected = assignments
                .Where(a => (a.PrincipalType == PrincipalType.User && a.PrincipalId == user) || (a.PrincipalType == PrincipalType.Group && userGroups.Contains(a.PrincipalId)))
                .GroupBy(a => (a.AccountId, a.PermissionSetId))
                .OrderBy(g => g.Key.AccountId, StringComparer.Ordinal).ThenBy(g => g.Key.PermissionSetId, StringComparer.Ordinal)
                .Select(g => (g.Key.AccountId, g.Key.PermissionSetId,
                    Direct: g.Any(a => a.PrincipalType == PrincipalType.User),
                    Groups: string.Join(",", g.Where(a => a.PrincipalType == PrincipalType.Group).Select(a => a.PrincipalId).Distinct().Order(StringComparer.Ordinal))))
                .ToList();

            var actual = index.ResolveUser(user)
                .Select(a => (a.AccountId, a.PermissionSetId, Direct: a.IsDirect, Groups: string.Join(",", a.ViaGroupIds.Order(StringComparer.Ordinal))))
                .ToList();

            Assert.Equal(expected, actual);
        }
    }
}
