using Bunit;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using Microsoft.AspNetCore.Components.Forms;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

public sealed class ImportUsersPageTests
{
    private static IRenderedComponent<ImportUsersPage> Render(AdminTestContext admin)
    {
        admin.RenderProviders();
        return admin.Context.Render<ImportUsersPage>();
    }

    private static void Upload(IRenderedComponent<ImportUsersPage> page, string text, string name = "users.csv") =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));

    [Fact]
    public async Task Upload_ValidFile_ShowsPreviewAndImportButton()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        Upload(page, "UserName,DisplayName,Email\njdoe,Jane Doe,jane@example.com\nbsmith,Bob Smith,\n");

        page.WaitForElement(".import-preview");
        Assert.Equal(2, page.FindAll(".import-preview tbody tr").Count);
        Assert.Contains("jane@example.com", page.Find(".import-preview").TextContent, StringComparison.Ordinal);
        Assert.Contains("Import 2 user(s)", page.Find(".import-run").TextContent, StringComparison.Ordinal);
        Assert.Empty(admin.Import.Imported);
    }

    [Fact]
    public async Task Upload_InvalidRows_ListsErrorsByLineAndOffersNoImport()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        Upload(page, "UserName,DisplayName,Email\nok,Okay,\n,No Name,\nbad,Bad,not-an-email\n");

        page.WaitForElement(".import-errors");
        var rows = Cells(page);
        Assert.Contains(rows, r => r[0] == "3" && r[1] == "UserName");
        Assert.Contains(rows, r => r[0] == "4" && r[1] == "Email" && r[2].Contains("not-an-email", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r[0] == "2");
        Assert.Empty(page.FindAll(".import-run"));
        Assert.Contains("Nothing will be imported", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ExistingUserName_ReportsConflictByLineAndOffersNoImport()
    {
        await using var admin = new AdminTestContext();
        admin.Import.Existing.Add("taken");
        var page = Render(admin);

        Upload(page, "UserName,DisplayName\nfresh,Fresh\nTAKEN,Taken\n");

        page.WaitForElement(".import-errors");
        var row = Assert.Single(Cells(page));
        Assert.Equal("3", row[0]);
        Assert.Contains("already exists", row[2], StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".import-run"));
    }

    private static List<string[]> Cells(IRenderedComponent<ImportUsersPage> page) =>
        page.FindAll(".import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();

    [Fact]
    public async Task Import_ValidFile_ShowsOneTimePasswordsAndCsvDownload()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);
        Upload(page, "UserName,DisplayName\njdoe,Jane Doe\n-minus,Minus\n");
        page.WaitForElement(".import-run");

        page.Find(".import-run").Click();

        page.WaitForElement(".import-results");
        Assert.Single(admin.Import.Imported);
        var results = page.Find(".import-results").TextContent;
        Assert.Contains("Otp#jdoe1", results, StringComparison.Ordinal);
        Assert.Contains("Otp#-minus1", results, StringComparison.Ordinal);
        var href = page.Find("a.import-download").GetAttribute("href")!;
        Assert.StartsWith("data:text/csv;charset=utf-8,", href, StringComparison.Ordinal);
        var csv = Uri.UnescapeDataString(href["data:text/csv;charset=utf-8,".Length..]);
        // Written like every CSV of the app: a value that starts like a formula gets a leading apostrophe.
        Assert.Equal("UserName,OneTimePassword\r\njdoe,Otp#jdoe1\r\n\"'-minus\",Otp#-minus1\r\n", csv);
        Assert.Equal("identitycenter-one-time-passwords.csv", page.Find("a.import-download").GetAttribute("download"));
    }

    [Fact]
    public async Task Upload_TooLarge_RefusesBeforeReading()
    {
        await using var admin = new AdminTestContext();
        var page = Render(admin);

        var big = "UserName,DisplayName\n" + new string('x', (int)ImportUsersPage.MaxFileBytes);
        Upload(page, big);

        page.WaitForAssertion(() => Assert.Contains("the limit is 4 MB", page.Find(".import-file-error").TextContent, StringComparison.Ordinal));
        Assert.Empty(admin.Import.Previewed);
    }

    [Fact]
    public void PasswordsCsv_DelimitersQuotedAndFormulasDefused_LikeEveryCsvOfTheApp()
    {
        var csv = ImportUsersPage.PasswordsCsv([new ImportedUser(2, "id-1", "a,\"b\"", "Xy7;pa\tss"), new ImportedUser(3, "id-2", "=cmd", "Pw9-=@")]);

        Assert.Equal("UserName,OneTimePassword\r\n\"a,\"\"b\"\"\",\"Xy7;pa\tss\"\r\n\"'=cmd\",Pw9-=@\r\n", csv);
    }

    [Fact]
    public async Task Render_TemplateLink_OffersHeaderWithEveryKnownColumn()
    {
        await using var admin = new AdminTestContext();

        var page = Render(admin);

        var link = page.Find("a.import-template");
        Assert.Equal("identitycenter-users-template.csv", link.GetAttribute("download"));
        Assert.Equal("UserName,DisplayName,GivenName,FamilyName,Email\r\n", Uri.UnescapeDataString(link.GetAttribute("href")!["data:text/csv;charset=utf-8,".Length..]));
    }
}
