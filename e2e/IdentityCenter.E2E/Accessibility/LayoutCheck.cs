using Microsoft.Playwright;

namespace IdentityCenter.E2E.Accessibility;

/// <summary>
/// The layout check (<c>Accessibility/layout-check.js</c>, evaluated in the page as it is now): every control meant to be
/// seen (link, button, field, select, tab, option...) has a size, is not cut off by an <c>overflow: hidden</c> ancestor, is
/// drawn in a colour apart from what is behind it (text, border, own background, underline) and is what a click at its
/// centre reaches (<c>document.elementFromPoint</c>); no two controls overlap by more than 2 px (a control inside another
/// is one control); and the page does not scroll sideways. Runs under the app's Content-Security-Policy (no script tag).
/// </summary>
public static class LayoutCheck
{
    private static readonly Lazy<string> Script = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Accessibility", "layout-check.js")));

    /// <summary>
    /// One line per finding on <paramref name="page"/>, labelled with <paramref name="where"/> and the control's selector
    /// (the nearest id, its tag and classes) and name; <paramref name="excluded"/> are selectors left out, each with its reason
    /// where declared. The page is scrolled back to the top afterwards.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindingsAsync(IPage page, string where, IReadOnlyList<string> excluded)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(excluded);
        var findings = await page.EvaluateAsync<string[]>(Script.Value, excluded.ToArray());
        return findings.Select(f => $"{where}: {f}").ToList();
    }
}
