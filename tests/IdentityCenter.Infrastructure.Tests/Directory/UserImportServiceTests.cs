using IdentityCenter.Infrastructure.Directory;
using Microsoft.AspNetCore.Identity;
using IdentityCenter.Infrastructure.Identity;

namespace IdentityCenter.Infrastructure.Tests.Directory;

public sealed class UserImportServiceTests
{
    public static TheoryData<string> Providers => TestDirectory.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_ValidFile_CreatesEveryUserWithWorkingOneTimePasswords(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var import = t.Get<IUserImportService>();
        const string csv = "UserName,DisplayName,Email\nhana,Hana,hana@example.com\nivan,Ivan,\n";

        var preview = await import.PreviewAsync(csv);
        var result = await import.ImportAsync(csv, t.Admin);

        Assert.True(preview.CanImport);
        Assert.True(result.Succeeded);
        Assert.Equal([2, 3], result.Imported.Select(i => i.LineNumber));
        var manager = t.Get<UserManager<ApplicationUser>>();
        foreach (var imported in result.Imported)
        {
            var user = await manager.FindByIdAsync(imported.UserId);
            Assert.True(await manager.CheckPasswordAsync(user!, imported.OneTimePassword));
            Assert.True(user!.MustChangePassword);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_NameAlreadyInDirectory_ReportsLineAndImportsNothing(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var import = t.Get<IUserImportService>();
        var users = t.Get<IUserDirectoryService>();
        await users.CreateUserAsync(new CreateUserRequest("jade", "Jade"), t.Admin);
        const string csv = "UserName,DisplayName\nkai,Kai\nJADE,Another Jade\nlee,Lee\n";

        var preview = await import.PreviewAsync(csv);
        var result = await import.ImportAsync(csv, t.Admin);

        Assert.False(preview.CanImport);
        Assert.Equal(3, Assert.Single(preview.Errors).LineNumber);
        Assert.False(result.Succeeded);
        Assert.Equal(3, Assert.Single(result.Errors).LineNumber);
        Assert.Null(await users.FindByUserNameAsync("kai"));
        Assert.Null(await users.FindByUserNameAsync("lee"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_InvalidRows_ReportsEveryLineAndImportsNothing(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);
        var import = t.Get<IUserImportService>();

        var result = await import.ImportAsync("UserName,DisplayName\nok,Fine\nbad name,X\nAdministrator,Y\n", t.Admin);

        Assert.Equal([3, 4], result.Errors.Select(e => e.LineNumber));
        Assert.Null(await t.Get<IUserDirectoryService>().FindByUserNameAsync("ok"));
    }
}
