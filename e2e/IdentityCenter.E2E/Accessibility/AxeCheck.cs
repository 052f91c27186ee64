using System.Text.Json;
using Microsoft.Playwright;

namespace IdentityCenter.E2E.Accessibility;

/// <summary>
/// Runs axe-core (vendored under <c>Accessibility/axe</c>) on the page as it is now, for WCAG 2.0 and 2.1 levels A and AA,
/// and describes every serious or critical violation so the message says what to fix. The page's browser context must
/// bypass the Content-Security-Policy, which refuses the injected script.
/// </summary>
public static class AxeCheck
{
    /// <summary>The WCAG rule sets checked.</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>The impacts that fail a test.</summary>
    public static readonly string[] FailingImpacts = ["serious", "critical"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "Accessibility", "axe", "axe.min.js");

    /// <summary>
    /// The serious and critical violations on <paramref name="page"/>, one line per rule and element, labelled with
    /// <paramref name="where"/>; <paramref name="excluded"/> are the selectors left out (each with its reason where declared).
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string where, IReadOnlyList<string> excluded)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        }

        var json = await page.EvaluateAsync<string>("""
            async ([tags, impacts, excluded]) => {
                const context = excluded.length ? { include: [document], exclude: excluded.map(s => [s]) } : document;
                const result = await axe.run(context, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return JSON.stringify(result.violations
                    .filter(v => impacts.includes(v.impact))
                    .flatMap(v => v.nodes.map(n => ({
                        id: v.id, impact: v.impact, help: v.help,
                        target: n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' | '),
                        summary: (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 300),
                    }))));
            }
            """, new object[] { Tags, FailingImpacts, excluded.ToArray() });

        return JsonSerializer.Deserialize<List<Violation>>(json, JsonOptions)!
            .Select(v => $"{where}: [{v.Id}, {v.Impact}] {v.Help} at {v.Target} ({v.Summary})")
            .ToList();
    }

    private sealed record Violation(string Id, string Impact, string Help, string Target, string Summary);
}
