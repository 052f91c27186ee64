using System.Globalization;
using IdentityCenter.Core.Assignments;

namespace IdentityCenter.AccessModel.Benchmarks;

/// <summary>
/// The benchmark population: 5,000 users, 500 groups, 100 accounts, 200 permission sets and
/// 20,000 assignments (12,000 to users, 8,000 to groups), each user in 0-6 groups. Seeded, so every run
/// measures the same data.
/// </summary>
public sealed class AccessModelData
{
    public const int Users = 5_000;
    public const int Groups = 500;
    public const int Accounts = 100;
    public const int PermissionSets = 200;
    public const int Assignments = 20_000;

    public AccessModelData(int seed = 20261124)
    {
        var random = new Random(seed);
        UserIds = Enumerable.Range(0, Users).Select(i => $"user-{i:D5}").ToArray();
        GroupIds = Enumerable.Range(0, Groups).Select(i => $"group-{i:D4}").ToArray();
        AccountIds = Enumerable.Range(0, Accounts).Select(i => (100_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        PermissionSetIds = Enumerable.Range(0, PermissionSets).Select(i => $"ps-{i:x16}").ToArray();
        PermissionSetNames = PermissionSetIds.Select((id, i) => (id, $"PermissionSet{i}")).ToDictionary(x => x.id, x => x.Item2);

        AssignmentList = new List<AccountAssignment>(Assignments);
        for (var i = 0; i < Assignments; i++)
        {
            var toGroup = i % 5 < 2;
            AssignmentList.Add(new AccountAssignment(
                AccountIds[random.Next(Accounts)],
                PermissionSetIds[random.Next(PermissionSets)],
                toGroup ? PrincipalType.Group : PrincipalType.User,
                toGroup ? GroupIds[random.Next(Groups)] : UserIds[random.Next(Users)]));
        }

        Memberships = [];
        foreach (var user in UserIds)
        {
            var count = random.Next(7);
            for (var g = 0; g < count; g++)
            {
                Memberships.Add(new GroupMembership(GroupIds[random.Next(Groups)], user));
            }
        }

        Principals = UserIds.Select(u => new MatrixPrincipal(u, "name of " + u)).ToArray();
    }

    public string[] UserIds { get; }

    public string[] GroupIds { get; }

    public string[] AccountIds { get; }

    public string[] PermissionSetIds { get; }

    public Dictionary<string, string> PermissionSetNames { get; }

    public List<AccountAssignment> AssignmentList { get; }

    public List<GroupMembership> Memberships { get; }

    public MatrixPrincipal[] Principals { get; }
}
