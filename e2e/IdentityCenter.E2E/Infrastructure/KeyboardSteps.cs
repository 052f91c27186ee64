using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IdentityCenter.E2E.Infrastructure;

/// <summary>
/// Drives a page by keyboard alone, as a person without a mouse: Tab (or Shift+Tab) until the control has focus, then
/// Enter, Space or typing. A control that Tab never reaches fails the test with the path the focus took.
/// </summary>
public static class KeyboardSteps
{
    /// <summary>Presses allowed before a control counts as unreachable: more than any page of the app has controls before its main action.</summary>
    public const int MaxPresses = 80;

    /// <summary>Describes the focused element: its tag, id and accessible name (aria-label, label, text), for the focus path.</summary>
    private const string DescribeFocus = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) return '(body)';
            const name = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || e.getAttribute('placeholder') || '';
            return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + name.replace(/\s+/g, ' ').trim().slice(0, 40) + '"';
        }
        """;

    /// <summary>
    /// Presses Tab (or Shift+Tab when <paramref name="backwards"/>) until <paramref name="target"/> (or an element inside it)
    /// has focus; at most <see cref="MaxPresses"/> times.
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        await Expect(target).ToBeVisibleAsync();
        var path = new List<string>();
        for (var presses = 0; presses <= MaxPresses; presses++)
        {
            if (await HasFocusAsync(target))
            {
                return;
            }

            if (presses < MaxPresses)
            {
                await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
                path.Add(await page.EvaluateAsync<string>(DescribeFocus));
            }
        }

        Assert.Fail($"{target} is not reached by {(backwards ? "Shift+Tab" : "Tab")} within {MaxPresses} presses on {page.Url}. Focus went: {string.Join(" > ", path.Distinct())}");
    }

    /// <summary>Tabs to <paramref name="target"/> and presses Enter.</summary>
    public static async Task ActivateAsync(IPage page, ILocator target, string key = "Enter")
    {
        await TabToAsync(page, target);
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>Tabs to the field and types <paramref name="text"/> into it (replacing what it held).</summary>
    public static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.TypeAsync(text, new() { Delay = 10 });
    }

    /// <summary>Whether the focused element is <paramref name="target"/> or inside it.</summary>
    public static Task<bool> HasFocusAsync(ILocator target) =>
        target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)");

    /// <summary>The focused element, described as in the focus path.</summary>
    public static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>(DescribeFocus);
}
