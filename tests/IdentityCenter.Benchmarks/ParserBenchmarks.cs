using BenchmarkDotNet.Attributes;
using IdentityCenter.Core.Policies.Language;

namespace IdentityCenter.Benchmarks;

/// <summary>Parse + validate throughput over every policy document of the public corpus.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string[] texts = [];

    /// <summary>Total UTF-16 characters parsed per operation (about one byte each: the corpus is ASCII).</summary>
    public long CharsPerOperation { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        texts = Corpus.Load().PolicyTexts;
        CharsPerOperation = texts.Sum(t => (long)t.Length);
        Console.WriteLine($"// parser corpus: {texts.Length} documents, {CharsPerOperation} characters per operation");
    }

    [Benchmark]
    public int ParseAndValidateCorpus()
    {
        var findings = 0;
        foreach (var text in texts)
        {
            findings += PolicyParser.Parse(text, PolicyKind.Managed).Findings.Count;
        }

        return findings;
    }
}
