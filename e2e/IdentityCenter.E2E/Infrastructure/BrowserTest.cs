using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace IdentityCenter.E2E.Infrastructure;

/// <summary>
/// Base for browser tests: a fresh browser context per test against the shared app server, and on
/// failure a screenshot and the page's HTML under e2e/artifacts/. Every test also fails when the browser
/// reports a Content-Security-Policy violation on any page it opened.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public abstract class BrowserTest(BrowserFixture browser, AppServer server)
{
    protected AppServer Server { get; } = server;

    /// <summary>The shared Chromium, for tests that manage a browser context themselves.</summary>
    protected IBrowser Browser => browser.Browser;

    protected Task RunInPageAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "") =>
        RunInPagesAsync(1, pages => test(pages[0]), testName);

    /// <summary>Runs a test that needs several people at once: one browser context (own cookies) per page.</summary>
    protected Task RunInPagesAsync(int count, Func<IPage[], Task> test, [CallerMemberName] string testName = "") =>
        RunInContextsAsync(count, bypassCsp: false, test, testName);

    /// <summary>
    /// Runs a test in a page whose browser context ignores the app's Content-Security-Policy, so the test can inject its
    /// own script (the accessibility checker); only for such tests: the policy itself is checked by every other test.
    /// </summary>
    protected Task RunInPageBypassingCspAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "") =>
        RunInContextsAsync(1, bypassCsp: true, pages => test(pages[0]), testName);

    private async Task RunInContextsAsync(int count, bool bypassCsp, Func<IPage[], Task> test, string testName)
    {
        var contexts = new List<IBrowserContext>();
        var pages = new IPage[count];
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl.ToString(), BypassCSP = bypassCsp });
                context.SetDefaultTimeout(30_000);
                await context.AddInitScriptAsync(ReportCspViolations);
                contexts.Add(context);
                pages[i] = await context.NewPageAsync();
                pages[i].Console += (_, message) =>
                {
                    if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                    {
                        violations.Enqueue($"{message.Location}: {message.Text}");
                    }
                };
            }

            await test(pages);
            Assert.True(violations.IsEmpty, "The browser reported Content-Security-Policy violations:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        }
        catch (Exception)
        {
            for (var i = 0; i < count; i++)
            {
                if (pages[i] is not null)
                {
                    await SaveArtifactsAsync(pages[i], count == 1 ? $"{GetType().Name}.{testName}" : $"{GetType().Name}.{testName}.page{i + 1}");
                }
            }

            throw;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>Logs every <c>securitypolicyviolation</c> event of a page to its console (Chromium logs blocked inline code there too).</summary>
    private const string ReportCspViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    /// <summary>Waits until the interactive server circuit is connected, so clicks reach the server.</summary>
    protected static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("#circuit-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    private static async Task SaveArtifactsAsync(IPage page, string name)
    {
        var directory = ArtifactsDirectory();
        Directory.CreateDirectory(directory);
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(directory, name + ".html"), await page.ContentAsync());
        }
        catch (PlaywrightException)
        {
            // The page may already be gone; the test's own failure is what matters.
        }
    }

    private static string ArtifactsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IdentityCenter.sln")))
            {
                return Path.Combine(dir.FullName, "e2e", "artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}
