using Bunit;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Web.Components.Admin;
using IdentityCenter.Web.Components.Shared;

namespace IdentityCenter.Web.Tests.Components.SharedComponents;

public sealed class PolicyEditorTests
{
    private const string Valid = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";

    private static IRenderedComponent<PolicyEditor> Render(BunitContext ctx, string value, PolicyKind kind, Action<string>? changed = null, Action<bool>? hasErrors = null, bool readOnly = false)
    {
        ctx.Render<MudBlazor.MudPopoverProvider>();
        return ctx.Render<PolicyEditor>(p => p
            .Add(x => x.Value, value)
            .Add(x => x.Kind, kind)
            .Add(x => x.ReadOnly, readOnly)
            .Add(x => x.DebounceMilliseconds, 0)
            .Add(x => x.ValueChanged, v => changed?.Invoke(v))
            .Add(x => x.HasErrorsChanged, v => hasErrors?.Invoke(v)));
    }

    [Fact]
    public async Task Input_InvalidDocument_ShowsPositionedErrorAndReportsHasErrors()
    {
        await using var ctx = BunitTestContext.Create();
        var reported = new List<bool>();
        var editor = Render(ctx, Valid, PolicyKind.Managed, hasErrors: reported.Add);
        Assert.Equal([false], reported);

        editor.Find("#policy-editor-text").Input("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{ \"Effect\": \"Permit\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\" }]\n}");

        editor.WaitForAssertion(() => Assert.True(editor.Instance.HasErrors));
        var error = editor.Find(".policy-editor-finding-error");
        Assert.Contains("3:", error.QuerySelector(".policy-editor-finding-position")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Permit", error.TextContent, StringComparison.Ordinal);
        Assert.Equal([false, true], reported);
        Assert.Equal("true", editor.Find("#policy-editor-text").GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Render_SyntaxError_GivesLineAndColumn()
    {
        await using var ctx = BunitTestContext.Create();

        var editor = Render(ctx, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}", PolicyKind.Managed);

        var finding = Assert.Single(editor.FindAll(".policy-editor-finding-error"));
        Assert.StartsWith("4:", finding.QuerySelector(".policy-editor-finding-position")!.TextContent, StringComparison.Ordinal);
        Assert.True(editor.Instance.HasErrors);
    }

    [Fact]
    public async Task Format_CompactDocument_PrettyPrintsAndRaisesValueChanged()
    {
        await using var ctx = BunitTestContext.Create();
        string? changed = null;
        var editor = Render(ctx, Valid, PolicyKind.Managed, v => changed = v);

        editor.Find("#policy-editor-format").Click();

        editor.WaitForAssertion(() => Assert.NotNull(changed));
        Assert.StartsWith("{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [", changed!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(changed, editor.Find("#policy-editor-text").GetAttribute("value"));
        Assert.Empty(editor.FindAll(".policy-editor-finding-error"));
    }

    [Fact]
    public async Task Format_InvalidJson_ShowsMessageAndKeepsText()
    {
        await using var ctx = BunitTestContext.Create();
        string? changed = null;
        var editor = Render(ctx, "{ \"Version\": ", PolicyKind.Managed, v => changed = v);

        editor.Find("#policy-editor-format").Click();

        editor.WaitForAssertion(() => Assert.Contains("not valid JSON", editor.Find(".policy-editor-format-error").TextContent, StringComparison.Ordinal));
        Assert.Null(changed);
    }

    [Theory]
    [InlineData(PolicyKind.Managed, "6,144")]
    [InlineData(PolicyKind.Scp, "5,120")]
    [InlineData(PolicyKind.Inline, "10,240")]
    public async Task SizeCounter_ShowsCountAgainstKindLimit(PolicyKind kind, string limit)
    {
        await using var ctx = BunitTestContext.Create();
        var editor = Render(ctx, Valid, kind);

        var nonWhitespace = PolicySizeQuota.CountCharacters(Valid);
        Assert.Contains($"{nonWhitespace} / {limit} characters", editor.Find("#policy-editor-size").TextContent, StringComparison.Ordinal);
        if (kind == PolicyKind.Inline)
        {
            Assert.Contains("/ 32,768 with whitespace", editor.Find("#policy-editor-size").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SizeCounter_OverLimit_IsErrorAndMarked()
    {
        await using var ctx = BunitTestContext.Create();
        var actions = string.Join(",", Enumerable.Range(0, 400).Select(i => $"\"s3:GetObject{i}\""));
        var editor = Render(ctx, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{{actions}}],"Resource":"*"}]}""", PolicyKind.Scp);

        Assert.Contains("mud-error-text", editor.Find("#policy-editor-size").ClassName, StringComparison.Ordinal);
        Assert.Contains(editor.Instance.Findings, f => f.Code == "SizeLimitExceeded");
        Assert.True(editor.Instance.HasErrors);
    }

    [Fact]
    public async Task Completion_TypingActionPrefix_ListsMatchingActionsAndInsertsOne()
    {
        await using var ctx = BunitTestContext.Create();
        string? changed = null;
        var editor = Render(ctx, "", PolicyKind.Managed, v => changed = v);

        editor.Find("#policy-editor-text").Input("{\"Action\": \"s3:GetObjectAc");

        var chips = editor.FindAll(".policy-editor-completion").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("s3:GetObjectAcl", chips);
        Assert.All(chips.Where(c => !c.Contains('/', StringComparison.Ordinal)), c => Assert.StartsWith("s3:GetObjectAc", c, StringComparison.OrdinalIgnoreCase));

        editor.FindAll(".policy-editor-completion").First(c => c.TextContent.Trim() == "s3:GetObjectAcl").Click();
        editor.WaitForAssertion(() => Assert.Equal("{\"Action\": \"s3:GetObjectAcl", changed));
    }

    [Fact]
    public async Task Completion_ConditionKeyPrefix_ListsGlobalKeys()
    {
        await using var ctx = BunitTestContext.Create();
        var editor = Render(ctx, "", PolicyKind.Managed);

        editor.Find("#policy-editor-text").Input("{\"Condition\": {\"IpAddress\": {\"aws:SourceI");

        Assert.Contains("aws:SourceIp", editor.FindAll(".policy-editor-completion-key").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_UnknownAction_IsWarningNotError()
    {
        await using var ctx = BunitTestContext.Create();

        var editor = Render(ctx, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObjet","foo:Bar"],"Resource":"*"}]}""", PolicyKind.Managed);

        var warnings = editor.FindAll(".policy-editor-finding-warning").Select(w => w.TextContent).ToList();
        Assert.Contains(warnings, w => w.Contains("s3:GetObjet", StringComparison.Ordinal) && w.Contains("Did you mean s3:GetObject", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("\"foo\"", StringComparison.Ordinal));
        Assert.False(editor.Instance.HasErrors);
    }

    [Fact]
    public async Task Render_ReadOnly_HasNoFormatAndReadonlyText()
    {
        await using var ctx = BunitTestContext.Create();

        var editor = Render(ctx, Valid, PolicyKind.Managed, readOnly: true);

        Assert.True(editor.Find("#policy-editor-text").HasAttribute("readonly"));
        Assert.Empty(editor.FindAll("#policy-editor-format"));
        Assert.Empty(editor.FindAll(".policy-editor-insert-action"));
    }

    [Fact]
    public void Analyze_UnknownConditionKey_IsPositionedWarning()
    {
        const string doc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\",\n\"Condition\":{\"StringEquals\":{\"aws:NoSuchKey\":\"x\",\"aws:PrincipalTag/team\":\"a\"}}}]}";

        var findings = PolicyEditorAnalysis.Analyze(doc, PolicyKind.Managed, IdentityCenter.Core.Catalog.ServiceAuthorizationCatalog.Default);

        var finding = Assert.Single(findings, f => f.Code == PolicyEditorAnalysis.UnknownConditionKeyCode);
        Assert.Equal(2, finding.Line);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("aws:NoSuchKey", finding.Message, StringComparison.Ordinal);
    }
}
