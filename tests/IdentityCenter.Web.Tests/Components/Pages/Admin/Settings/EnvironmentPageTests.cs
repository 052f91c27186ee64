using System.Reflection;
using System.Text;
using Bunit;
using IdentityCenter.Core;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.EnvironmentExport;
using IdentityCenter.Web.Components.Pages.Admin.Settings;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Settings;

public sealed class EnvironmentPageTests
{
    private sealed class FakeEnvironment : IEnvironmentExportService, ITerraformExporter
    {
        public List<(string Json, Actor Actor)> Imported { get; } = [];

        public Task<EnvironmentDocument> ExportAsync(CancellationToken cancellationToken = default) => Task.FromResult(new EnvironmentDocument());

        public Task<string> ExportJsonAsync(CancellationToken cancellationToken = default) => Task.FromResult("{\"schema\":\"identitycenter-environment\"}");

        Task<string> ITerraformExporter.ExportAsync(CancellationToken cancellationToken) => Task.FromResult("data \"aws_ssoadmin_instances\" \"this\" {}\n");

        public Task<EnvironmentImportPreview> PreviewAsync(string json, CancellationToken cancellationToken = default) =>
            Task.FromResult(json.Contains("broken", StringComparison.Ordinal)
                ? new EnvironmentImportPreview([new FieldError("$.permissionSets[2].inlinePolicy", "Line 3, column 7: Effect must be Allow or Deny.")], [])
                : new EnvironmentImportPreview([], [new("account", "Sandbox", EnvironmentImportAction.Create), new("user", "admin", EnvironmentImportAction.Reuse)]));

        public Task<EnvironmentImportResult> ImportAsync(string json, Actor actor, IProgress<EnvironmentImportProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            Imported.Add((json, actor));
            progress?.Report(new EnvironmentImportProgress(1, 2, "Sandbox"));
            return Task.FromResult(new EnvironmentImportResult([], [new("account", "Sandbox", EnvironmentImportAction.Create)], [new("ben.dev", "One-Time-1234")]));
        }
    }

    private static AdminTestContext Admin(FakeEnvironment fake) => new(logging: services =>
    {
        services.AddSingleton<IEnvironmentExportService>(fake);
        services.AddSingleton<ITerraformExporter>(fake);
    });

    private static IRenderedComponent<EnvironmentPage> Render(AdminTestContext admin)
    {
        admin.RenderProviders();
        return admin.Context.Render<EnvironmentPage>();
    }

    [Fact]
    public void OnlyFullAdministrators_MayOpenThePage()
    {
        var authorize = typeof(EnvironmentPage).GetCustomAttribute<AuthorizeAttribute>();
        Assert.Equal(IdentityCenterPolicies.Administrator, authorize?.Policy);
    }

    [Fact]
    public async Task Export_OffersTheDocumentAndTheTerraformAsDownloads()
    {
        await using var admin = Admin(new FakeEnvironment());
        var page = Render(admin);

        page.Find(".environment-export-json").Click();
        var link = page.WaitForElement(".environment-download");
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"schema\":\"identitycenter-environment\"}")), link.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("identitycenter-environment.json", link.GetAttribute("download"));

        page.Find(".environment-export-terraform").Click();
        page.WaitForAssertion(() => Assert.Equal("identitycenter-environment.tf", page.Find(".environment-download").GetAttribute("download")));
    }

    [Fact]
    public async Task Import_ShowsLocatedProblems_OrAPreview_ThenImportsOnConfirmation()
    {
        var fake = new FakeEnvironment();
        await using var admin = Admin(fake);
        var page = Render(admin);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("broken", "env.json"));
        page.WaitForElement(".environment-errors");
        Assert.Contains("$.permissionSets[2].inlinePolicy", page.Find(".environment-errors").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".environment-import"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{}", "env.json"));
        page.WaitForElement(".environment-preview");
        Assert.Contains("1 to create, 1 to reuse", page.Find(".environment-ready").TextContent, StringComparison.Ordinal);
        Assert.Empty(fake.Imported);

        page.Find(".environment-import").Click();
        page.WaitForElement(".environment-done");
        Assert.Contains("One-Time-1234", page.Find(".environment-passwords").TextContent, StringComparison.Ordinal);
        Assert.Equal("{}", Assert.Single(fake.Imported).Json);
    }
}
