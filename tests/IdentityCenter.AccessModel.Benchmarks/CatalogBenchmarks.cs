using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Catalog;

namespace IdentityCenter.AccessModel.Benchmarks;

[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
public class CatalogBenchmarks
{
    private readonly ServiceAuthorizationCatalog _catalog = ServiceAuthorizationCatalog.Default;

    /// <summary>Decompressing and indexing the embedded service authorization data (done once per process).</summary>
    [Benchmark]
    public int LoadServiceAuthorizationData()
    {
        using var stream = typeof(ServiceAuthorizationCatalog).Assembly.GetManifestResourceStream("IdentityCenter.Catalog.service-authorization.json.gz")!;
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return ServiceAuthorizationCatalog.Load(gzip).ActionCount;
    }

    [Benchmark]
    public bool IsKnownAction() => _catalog.IsKnownAction("s3:getobject");

    [Benchmark]
    public bool MatchesAnyActionWildcard() => _catalog.MatchesAnyAction("ec2:Describe*Snapshots");

    [Benchmark]
    public int CompleteActions() => _catalog.CompleteActions("ec2:Desc").Count;

    [Benchmark]
    public bool IsKnownConditionKeyTemplated() => _catalog.IsKnownConditionKey("aws:PrincipalTag/Department");
}
