using Bunit;
using IdentityCenter.Web.Components.Pages.Admin.Users;
using IdentityCenter.Web.Tests.Fakes;
using MudBlazor;

namespace IdentityCenter.Web.Tests.Components.Pages.Admin.Users;

public sealed class CreateUserDialogTests
{
    private static async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(AdminTestContext admin)
    {
        var provider = admin.RenderProviders();
        var dialogs = admin.Context.Services.GetService<IDialogService>();
        await provider.InvokeAsync(() => dialogs!.ShowAsync<CreateUserDialog>("Create user"));
        provider.WaitForElement(".field-username input");
        return provider;
    }

    [Fact]
    public async Task Create_Valid_ShowsOneTimePasswordOnceWithCopyButton()
    {
        await using var admin = new AdminTestContext();
        admin.Users.NextPassword = "Xy7#once-only";
        var provider = await OpenAsync(admin);

        provider.Find(".field-username input").Change("carol");
        provider.Find(".field-displayname input").Change("Carol Danvers");
        provider.Find(".field-email input").Change("carol@example.com");
        provider.Find("form#create-user-form").Submit();

        provider.WaitForElement(".one-time-password");
        Assert.Equal("Xy7#once-only", provider.Find(".one-time-password-value").TextContent);
        Assert.NotNull(provider.Find(".one-time-password-copy"));
        Assert.Contains("will not be shown again", provider.Markup, StringComparison.Ordinal);
        var request = Assert.Single(admin.Users.CreateRequests);
        Assert.Equal(("carol", "Carol Danvers", "carol@example.com"), (request.UserName, request.DisplayName, request.Email));
        Assert.Equal("admin", admin.Users.Calls[0].Actor.UserName);
        Assert.Equal("admin-id", admin.Users.Calls[0].Actor.UserId);

        provider.Find(".create-user-done").Click();

        provider.WaitForAssertion(() => Assert.DoesNotContain("Xy7#once-only", provider.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_DuplicateName_ShowsConflictMessageOnUserNameField()
    {
        await using var admin = new AdminTestContext();
        admin.Users.Store.Add(FakeUserDirectoryService.NewUser("id-dave", "dave", "Dave"));
        var provider = await OpenAsync(admin);

        provider.Find(".field-username input").Change("DAVE");
        provider.Find(".field-displayname input").Change("Another Dave");
        provider.Find("form#create-user-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("A user named 'DAVE' already exists.", provider.Find(".field-username").TextContent, StringComparison.Ordinal));
        Assert.Empty(provider.FindAll(".one-time-password"));
    }

    [Fact]
    public async Task Create_MissingDisplayName_ShowsFieldMessageWithoutCallingService()
    {
        await using var admin = new AdminTestContext();
        var provider = await OpenAsync(admin);

        provider.Find(".field-username input").Change("erin");
        provider.Find("form#create-user-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("display name", provider.Find(".field-displayname").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(admin.Users.CreateRequests);
    }

    [Fact]
    public async Task Create_DatabaseDoesNotAnswer_SaysSoInTheDialog_TypedValuesKeptAndCreateAvailableAgain()
    {
        await using var admin = new AdminTestContext();
        admin.Users.StorageFailure = new TimeoutException("the command timed out");
        var provider = await OpenAsync(admin);

        provider.Find(".field-username input").Change("frank");
        provider.Find(".field-displayname input").Change("Frank Castle");
        provider.Find("form#create-user-form").Submit();

        provider.WaitForAssertion(() => Assert.Contains("did not answer, so nothing was changed", provider.Find(".create-user-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("frank", provider.Find(".field-username input").GetAttribute("value"));
        Assert.False(provider.Find(".create-user-submit").HasAttribute("disabled"));
        Assert.Empty(provider.FindAll(".one-time-password"));
    }

    [Fact]
    public async Task Create_RefusedForNoField_ShownAboveTheFields_FieldErrorsStayAtTheirFields()
    {
        await using var admin = new AdminTestContext();
        admin.Users.NextFailure = IdentityCenter.Core.Directory.OperationResult.Invalid(
            [new IdentityCenter.Core.FieldError("Email", "Enter an email address such as name@example.com."), IdentityCenter.Core.FieldError.General("The directory is read-only during the import.")]);
        var provider = await OpenAsync(admin);

        provider.Find(".field-username input").Change("grace");
        provider.Find(".field-displayname input").Change("Grace Hopper");
        provider.Find("form#create-user-form").Submit();

        provider.WaitForAssertion(() => Assert.Equal("The directory is read-only during the import.", Assert.Single(provider.FindAll(".create-user-error")).TextContent.Trim()));
        Assert.Contains("name@example.com", provider.Find(".field-email").TextContent, StringComparison.Ordinal);
    }
}
