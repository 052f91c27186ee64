using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using IdentityCenter.Benchmarks;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;

// `--quick` prints Stopwatch numbers in a few seconds; anything else goes to BenchmarkDotNet
// (e.g. `--filter *` for every benchmark, `--filter *Evaluator*`).
if (args.Length > 0 && args[0] == "--quick")
{
    var corpus = Corpus.Load();
    Console.WriteLine($"decisions/s (public corpus mix, single thread): {Quick(() => Evaluate(corpus), corpus.Requests.Length).ToString("N0", CultureInfo.InvariantCulture)}");
    var chars = corpus.PolicyTexts.Sum(t => (long)t.Length);
    var parsesPerSecond = Quick(() => Parse(corpus), 1);
    Console.WriteLine($"parse + validate: {(parsesPerSecond * chars / 1_000_000.0).ToString("F1", CultureInfo.InvariantCulture)} MB/s ({corpus.PolicyTexts.Length} documents, {chars} chars per pass)");
    var before = GC.GetAllocatedBytesForCurrentThread();
    Evaluate(corpus);
    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    Console.WriteLine($"allocated per decision over the corpus (variable cases included): {(allocated / (double)corpus.Requests.Length).ToString("F1", CultureInfo.InvariantCulture)} B");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluatorBenchmarks).Assembly).Run(args);
return 0;

static int Evaluate(Corpus corpus)
{
    var sum = 0;
    for (var i = 0; i < corpus.Requests.Length; i++)
    {
        sum += (int)PolicyEvaluator.Evaluate(corpus.Requests[i], corpus.Policies[i]).Decision;
    }

    return sum;
}

static int Parse(Corpus corpus)
{
    var sum = 0;
    foreach (var text in corpus.PolicyTexts)
    {
        sum += PolicyParser.Parse(text, PolicyKind.Managed).Findings.Count;
    }

    return sum;
}

static double Quick(Func<int> pass, int unitsPerPass)
{
    var warmup = Stopwatch.StartNew();
    while (warmup.ElapsedMilliseconds < 1000)
    {
        pass();
    }

    var passes = 0;
    var watch = Stopwatch.StartNew();
    while (watch.ElapsedMilliseconds < 3000)
    {
        pass();
        passes++;
    }

    return passes * (double)unitsPerPass / watch.Elapsed.TotalSeconds;
}
