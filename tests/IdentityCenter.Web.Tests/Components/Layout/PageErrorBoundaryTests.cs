using Bunit;
using IdentityCenter.Web.Components.Layout;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Tests.Components.Pages.Admin;
using IdentityCenter.Web.Tests.Fakes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IdentityCenter.Web.Tests.Components.Layout;

/// <summary>
/// What an administrator sees when a page fails in a way it did not handle: a database that does not answer
/// says "try again"; anything else is an error naming the correlation id it was logged under.
/// </summary>
public sealed class PageErrorBoundaryTests : IDisposable
{
    private readonly ListLoggerProvider _logs = new();

    private AdminTestContext Admin()
    {
        var admin = new AdminTestContext(logging: services =>
        {
            services.AddSingleton<ILoggerFactory>(new LoggerFactory([_logs]));
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        });
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser("id-frank", "frank", "Frank Ocean"));
        return admin;
    }

    private static IRenderedComponent<PageErrorBoundary> RenderUserPage(AdminTestContext admin) =>
        admin.Context.Render<PageErrorBoundary>(p => p.AddChildContent<UserDetailPage>(c => c.Add(x => x.UserId, "id-frank")));

    [Fact]
    public async Task PageLoad_Defect_ErrorWithTheLoggedCorrelationIdNotTryAgain()
    {
        await using var admin = Admin();
        admin.Users.StorageFailure = new InvalidOperationException("Sequence contains no elements");
        admin.RenderProviders();

        var boundary = RenderUserPage(admin);

        var alert = boundary.WaitForElement(".page-error");
        var id = alert.GetAttribute("data-correlation-id");
        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Contains($"Error id {id}", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("did not answer", alert.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be loaded", boundary.Markup, StringComparison.Ordinal);
        var logged = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(id, logged.Values["CorrelationId"]);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Action_Defect_ErrorWithCorrelationIdInsteadOfUnavailable()
    {
        await using var admin = Admin();
        var dialogs = admin.RenderProviders();
        var boundary = RenderUserPage(admin);
        boundary.WaitForElement(".user-reset-password");
        admin.Users.StorageFailure = new ArgumentException("a defect, not the database");

        boundary.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        var alert = boundary.WaitForElement(".page-error");
        Assert.Contains($"Error id {alert.GetAttribute("data-correlation-id")}", alert.TextContent, StringComparison.Ordinal);
        Assert.Empty(boundary.FindAll(".user-action-error"));
        Assert.Single(_logs.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task Action_DatabaseTimeout_StillUnavailableTryAgainOnThePage()
    {
        await using var admin = Admin();
        var dialogs = admin.RenderProviders();
        var boundary = RenderUserPage(admin);
        boundary.WaitForElement(".user-reset-password");
        admin.Users.StorageFailure = new TimeoutException("database timeout");

        boundary.Find(".user-reset-password").Click();
        dialogs.WaitForElement(".confirm-dialog-confirm").Click();

        boundary.WaitForAssertion(() => Assert.Contains("did not answer, so nothing was changed. Try again", boundary.Find(".user-action-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(boundary.FindAll(".page-error"));
        Assert.DoesNotContain(_logs.Entries, e => e.Level == LogLevel.Error);
    }

    [Fact]
    public async Task MainLayout_BodyThrows_ShowsTheErrorInsteadOfEndingTheCircuit()
    {
        await using var context = BunitTestContext.Create(c => c.AddAuthorization().SetAuthorized("alice"));

        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<Throws>(0);
            b.CloseComponent();
        })));

        Assert.Matches("^[0-9a-f]{12}$", layout.Find(".page-error").GetAttribute("data-correlation-id"));
        Assert.NotNull(layout.Find("#theme-toggle"));
    }

    [Fact]
    public async Task MainLayout_NavigatedAfterAnError_NextPageRendersNormally()
    {
        await using var context = BunitTestContext.Create(c => c.AddAuthorization().SetAuthorized("alice"));
        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<Throws>(0);
            b.CloseComponent();
        })));
        Assert.NotNull(layout.Find(".page-error"));

        layout.Render(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "the next page"))));

        Assert.Empty(layout.FindAll(".page-error"));
        Assert.Contains("the next page", layout.Markup, StringComparison.Ordinal);
    }

    public void Dispose() => _logs.Dispose();

    private sealed class Throws : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("a defect");
    }
}
