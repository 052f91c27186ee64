using Bunit;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Tests.Components;

namespace IdentityCenter.Web.Tests.Components.Admin;

/// <summary>A matched statement's JSON shows at once when short; a long one (an AWS managed policy's) starts folded.</summary>
public sealed class SimulationStatementTests
{
    private static readonly StatementTrace Trace = new(PolicyType.IdentityPolicy, null, "ReadOnlyAccess", "#0", 0, null, Effect.Allow, StatementRole.Allows, null, []);

    [Fact]
    public async Task ShortStatement_JsonShown()
    {
        await using var ctx = BunitTestContext.Create();
        var json = "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\",\n  \"Resource\": \"*\"\n}";
        var statement = ctx.Render<SimulationStatement>(p => p.Add(s => s.Statement, Trace).Add(s => s.Deciding, true).Add(s => s.Json, json));

        Assert.Equal(json, statement.Find(".simulator-statement-json").TextContent);
        Assert.Empty(statement.FindAll(".simulator-statement-json-toggle"));
        Assert.NotNull(statement.Find(".simulator-statement-deciding"));
    }

    [Fact]
    public async Task LongStatement_FoldedUntilAsked()
    {
        await using var ctx = BunitTestContext.Create();
        var json = "{\n  \"Action\": [\n" + string.Join(",\n", Enumerable.Range(0, 300).Select(i => $"    \"service{i}:Get*\"")) + "\n  ]\n}";
        var statement = ctx.Render<SimulationStatement>(p => p.Add(s => s.Statement, Trace).Add(s => s.Json, json));

        Assert.Empty(statement.FindAll(".simulator-statement-json"));
        Assert.Contains("Show the statement (304 lines)", statement.Find(".simulator-statement-json-toggle").TextContent, StringComparison.Ordinal);
        statement.Find(".simulator-statement-json-toggle").Click();
        Assert.Contains("service299:Get*", statement.Find(".simulator-statement-json").TextContent, StringComparison.Ordinal);
        Assert.Contains("Fold the statement", statement.Find(".simulator-statement-json-toggle").TextContent, StringComparison.Ordinal);
    }
}
