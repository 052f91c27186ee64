using IdentityCenter.Core.Assignments;

namespace IdentityCenter.Core.Tests.Assignments;

public sealed class EffectiveAccessMatrixTests
{
    private const string Prod = "111111111111";
    private const string Dev = "222222222222";
    private const string Admin = "ps-aaaaaaaaaaaaaaaa";
    private const string ReadOnly = "ps-bbbbbbbbbbbbbbbb";

    private static readonly Dictionary<string, string> Names = new() { [Admin] = "AdministratorAccess", [ReadOnly] = "ReadOnly" };

    private static readonly MatrixPrincipal[] Users =
    [
        new("u1", "alice"), new("u2", "bob"), new("u3", "carol"), new("u4", "nobody"),
    ];

    private static AssignmentIndex Index() => AssignmentIndex.Build(
        [
            new(Prod, Admin, PrincipalType.User, "u1"),
            new(Dev, ReadOnly, PrincipalType.Group, "g-devs"),
            new(Prod, ReadOnly, PrincipalType.Group, "g-auditors"),
        ],
        [new("g-devs", "u1"), new("g-devs", "u2"), new("g-auditors", "u3")]);

    [Fact]
    public void Build_Users_CellsListPermissionSetNamesPerAccount()
    {
        var page = EffectiveAccessMatrix.Build(Index(), Users, Names, new MatrixQuery());

        Assert.Equal(3, page.TotalRows);
        Assert.Equal([Prod, Dev], page.AccountIds.Order(StringComparer.Ordinal));
        var alice = page.Rows[0];
        Assert.Equal("alice", alice.PrincipalName);
        Assert.Equal("AdministratorAccess", Assert.Single(alice.Cells[Prod]).PermissionSetName);
        var aliceDev = Assert.Single(alice.Cells[Dev]);
        Assert.False(aliceDev.IsDirect);
        Assert.Equal(["g-devs"], aliceDev.ViaGroupIds);
        Assert.DoesNotContain(page.Rows, r => r.PrincipalName == "nobody");
    }

    [Fact]
    public void Build_FilterByAccountAndPermissionSet_OnlyMatchingCellsAndRows()
    {
        var page = EffectiveAccessMatrix.Build(Index(), Users, Names, new MatrixQuery { AccountIds = [Prod], PermissionSetIds = [ReadOnly] });

        Assert.Equal([Prod], page.AccountIds);
        var row = Assert.Single(page.Rows);
        Assert.Equal("carol", row.PrincipalName);
        Assert.Equal(1, page.TotalRows);
    }

    [Fact]
    public void Build_SearchAndPaging_TotalCountsAllMatches()
    {
        var all = EffectiveAccessMatrix.Build(Index(), Users, Names, new MatrixQuery { OnlyWithAccess = false, Skip = 1, Take = 2 });
        var search = EffectiveAccessMatrix.Build(Index(), Users, Names, new MatrixQuery { PrincipalSearch = "CAR" });

        Assert.Equal(4, all.TotalRows);
        Assert.Equal(["bob", "carol"], all.Rows.Select(r => r.PrincipalName));
        Assert.Equal("carol", Assert.Single(search.Rows).PrincipalName);
    }

    [Fact]
    public void Build_Groups_OwnAssignmentsOnly()
    {
        var groups = new[] { new MatrixPrincipal("g-devs", "Developers"), new MatrixPrincipal("g-auditors", "Auditors"), new MatrixPrincipal("g-empty", "Empty") };

        var page = EffectiveAccessMatrix.Build(Index(), groups, Names, new MatrixQuery { RowType = PrincipalType.Group });

        Assert.Equal(["Developers", "Auditors"], page.Rows.Select(r => r.PrincipalName));
        Assert.Equal("ReadOnly", Assert.Single(page.Rows[0].Cells[Dev]).PermissionSetName);
        Assert.False(page.Rows[0].Cells.ContainsKey(Prod));
    }

    [Fact]
    public void Build_RandomDataWithFiltersAndPages_MatchesResolvingEveryUser()
    {
        var random = new Random(7);
        var accounts = Enumerable.Range(0, 8).Select(i => $"10000000000{i}").ToArray();
        var sets = Enumerable.Range(0, 6).Select(i => $"ps-{i:x16}").ToArray();
        var users = Enumerable.Range(0, 120).Select(i => new MatrixPrincipal($"u{i}", $"user {i}")).ToArray();
        var assignments = Enumerable.Range(0, 150).Select(i => new AccountAssignment(
            accounts[random.Next(accounts.Length)], sets[random.Next(sets.Length)],
            i % 3 == 0 ? PrincipalType.Group : PrincipalType.User,
            i % 3 == 0 ? $"g{random.Next(10)}" : $"u{random.Next(users.Length)}")).ToList();
        var memberships = Enumerable.Range(0, 60).Select(_ => new GroupMembership($"g{random.Next(10)}", $"u{random.Next(users.Length)}")).ToList();
        var index = AssignmentIndex.Build(assignments, memberships);
        string[] accountFilter = [accounts[1], accounts[2], accounts[5]];
        string[] setFilter = [sets[0], sets[3]];

        var expectedRows = users
            .Where(u => index.ResolveUser(u.Id).Any(a => accountFilter.Contains(a.AccountId) && setFilter.Contains(a.PermissionSetId)))
            .Select(u => u.Id)
            .ToList();
        var pages = Enumerable.Range(0, 5)
            .Select(p => EffectiveAccessMatrix.Build(index, users, Names, new MatrixQuery { AccountIds = accountFilter, PermissionSetIds = setFilter, Skip = p * 7, Take = 7 }))
            .ToList();

        Assert.InRange(expectedRows.Count, 15, users.Length - 1);
        Assert.All(pages, p => Assert.Equal(expectedRows.Count, p.TotalRows));
        Assert.Equal(expectedRows.Take(35), pages.SelectMany(p => p.Rows).Select(r => r.PrincipalId));
        Assert.All(pages.SelectMany(p => p.Rows).SelectMany(r => r.Cells),
            cell => Assert.Contains(cell.Key, accountFilter));
    }
}
