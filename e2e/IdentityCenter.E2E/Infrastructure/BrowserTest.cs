using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace IdentityCenter.E2E.Infrastructure;

/// <summary>
/// Base for browser tests: a fresh browser context per test against the shared app server, and on
/// failure a screenshot and the page's HTML under e2e/artifacts/.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public abstract class BrowserTest(BrowserFixture browser, AppServer server)
{
    protected AppServer Server { get; } = server;

    protected async Task RunInPageAsync(Func<IPage, Task> test, [CallerMemberName] string testName = "")
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch (Exception)
        {
            await SaveArtifactsAsync(page, $"{GetType().Name}.{testName}");
            throw;
        }
    }

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
