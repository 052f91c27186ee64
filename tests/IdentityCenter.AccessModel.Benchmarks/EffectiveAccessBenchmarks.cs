using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Assignments;

namespace IdentityCenter.AccessModel.Benchmarks;

[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class EffectiveAccessBenchmarks
{
    private AccessModelData _data = null!;
    private AssignmentIndex _index = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _data = new AccessModelData();
        _index = AssignmentIndex.Build(_data.AssignmentList, _data.Memberships);
    }

    /// <summary>One user's effective access (direct + through groups), cycling through all 5,000 users.</summary>
    [Benchmark]
    public int ResolveUser()
    {
        var user = _data.UserIds[_next++ % _data.UserIds.Length];
        return _index.ResolveUser(user).Count;
    }

    /// <summary>The check behind issuing credentials: may this user use this (account, permission set)?</summary>
    [Benchmark]
    public bool FindAssignment()
    {
        var a = _data.AssignmentList[_next++ % _data.AssignmentList.Count];
        return _index.Find(_data.UserIds[_next % _data.UserIds.Length], a.AccountId, a.PermissionSetId) is not null;
    }

    /// <summary>Rebuilding the whole index after a change (20,000 assignments, ~15,000 memberships).</summary>
    [Benchmark]
    public int BuildIndex() => AssignmentIndex.Build(_data.AssignmentList, _data.Memberships).Count;

    /// <summary>The matrix page's first screen: 50 user rows, all accounts, total row count over all users.</summary>
    [Benchmark]
    public int MatrixFirstPage() =>
        EffectiveAccessMatrix.Build(_index, _data.Principals, _data.PermissionSetNames, new MatrixQuery { Take = 50 }).TotalRows;
}
