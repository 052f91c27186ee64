using System.Text.Json;
using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Benchmarks;

/// <summary>The public conformance cases, parsed and compiled once; and every policy JSON text in them.</summary>
public sealed class Corpus
{
    private Corpus(AuthorizationRequest[] requests, PolicySet[] policies, string[] policyTexts)
    {
        Requests = requests;
        Policies = policies;
        PolicyTexts = policyTexts;
    }

    public AuthorizationRequest[] Requests { get; }

    public PolicySet[] Policies { get; }

    /// <summary>Raw JSON of every policy document in the corpus (for parse + validate throughput).</summary>
    public string[] PolicyTexts { get; }

    public static Corpus Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "cases-public.jsonl");
        var cases = File.ReadLines(path).Where(l => l.Length > 0).Select(EvaluationCase.Parse).Where(c => c.Request is not null).ToArray();
        var texts = new List<string>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            Collect(json.RootElement.GetProperty("policies"), texts);
        }

        return new Corpus([.. cases.Select(c => c.Request!)], [.. cases.Select(c => c.Policies!)], [.. texts]);
    }

    private static void Collect(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when element.TryGetProperty("Statement", out _):
                texts.Add(element.GetRawText());
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, texts);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, texts);
                }

                break;
        }
    }
}
