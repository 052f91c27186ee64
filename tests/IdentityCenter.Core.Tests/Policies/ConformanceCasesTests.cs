using IdentityCenter.Core.Policies.Evaluation;

namespace IdentityCenter.Core.Tests.Policies;

/// <summary>Runs shared/conformance/cases-public.jsonl (copied to Policies/Cases), one theory row per case.</summary>
public sealed class ConformanceCasesTests
{
    private static readonly Lazy<Dictionary<string, string>> Lines = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Policies", "Cases", "cases-public.jsonl");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = EvaluationCase.Parse(line);
            result.Add(parsed.Id!, line);
        }

        return result;
    });

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Lines.Value.Keys)
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void CaseFile_HasAllPublicCases()
    {
        Assert.Equal(136, Lines.Value.Count);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Evaluate_PublicCase_MatchesExpectedDecision(string id)
    {
        var @case = EvaluationCase.Parse(Lines.Value[id]);
        Assert.Null(@case.Error);

        var result = PolicyEvaluator.Evaluate(@case.Request!, @case.Policies!);

        Assert.Equal(@case.Expect, result.Decision.ToString());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Evaluate_PublicCaseWithExplanation_GivesSameDecisionAndNamesDecider(string id)
    {
        var @case = EvaluationCase.Parse(Lines.Value[id]);

        var plain = PolicyEvaluator.Evaluate(@case.Request!, @case.Policies!);
        var explained = PolicyEvaluator.Evaluate(@case.Request!, @case.Policies!, explain: true);

        Assert.Equal(plain.Decision, explained.Decision);
        Assert.NotNull(explained.Explanation);
        Assert.NotNull(explained.Explanation!.DecidedBy);
        Assert.Equal(6, explained.Explanation.Steps.Select(s => s.PolicyType).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Evaluate_PublicCaseWithoutVariables_AllocatesNothing(string id)
    {
        var @case = EvaluationCase.Parse(Lines.Value[id]);
        if (@case.Policies!.UsesVariables)
        {
            return;
        }

        for (var i = 0; i < 50; i++)
        {
            PolicyEvaluator.Evaluate(@case.Request!, @case.Policies);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            PolicyEvaluator.Evaluate(@case.Request!, @case.Policies);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
