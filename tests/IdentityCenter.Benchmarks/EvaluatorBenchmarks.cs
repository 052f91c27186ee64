using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Benchmarks;

/// <summary>Decision throughput and allocations over the public corpus mix (compiled policies).</summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private const int CorpusSize = 136;
    private Corpus corpus = null!;
    private AuthorizationRequest noVariableRequest = null!;
    private PolicySet noVariableSet = null!;

    [GlobalSetup]
    public void Setup()
    {
        corpus = Corpus.Load();
        if (corpus.Requests.Length != CorpusSize)
        {
            throw new InvalidOperationException($"expected {CorpusSize} cases, found {corpus.Requests.Length}");
        }

        var policy = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::demo-bucket/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"Bool":{"aws:SecureTransport":"true"}}},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}""").Document!;
        var scp = PolicyParser.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.Scp).Document!;
        noVariableSet = new PolicySet([new NamedPolicy("read", policy)], serviceControlPolicies: [[new NamedPolicy("FullAWSAccess", scp)], [new NamedPolicy("FullAWSAccess", scp)]]);
        noVariableRequest = new AuthorizationRequest(
            "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice",
            "s3:GetObject",
            "arn:aws:s3:::demo-bucket/reports/q1.csv",
            new RequestContext().Set("aws:SourceIp", "203.0.113.7").Set("aws:SecureTransport", "true").Set("aws:PrincipalOrgID", "o-a1b2c3d4e5"));
    }

    /// <summary>One operation = one decision, averaged over the whole public corpus.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int PublicCorpusMix()
    {
        var sum = 0;
        var requests = corpus.Requests;
        var sets = corpus.Policies;
        for (var i = 0; i < requests.Length; i++)
        {
            sum += (int)PolicyEvaluator.Evaluate(requests[i], sets[i]).Decision;
        }

        return sum;
    }

    /// <summary>One operation = one decision with explanation, over the public corpus.</summary>
    [Benchmark(OperationsPerInvoke = CorpusSize)]
    public int PublicCorpusMixExplained()
    {
        var sum = 0;
        var requests = corpus.Requests;
        var sets = corpus.Policies;
        for (var i = 0; i < requests.Length; i++)
        {
            sum += PolicyEvaluator.Evaluate(requests[i], sets[i], explain: true).Explanation!.Steps.Count;
        }

        return sum;
    }

    /// <summary>An SSO session with two SCP levels and IP/Bool/negated-string conditions, no variables.</summary>
    [Benchmark]
    public Decision SessionWithConditionsNoVariables() => PolicyEvaluator.Evaluate(noVariableRequest, noVariableSet).Decision;
}
