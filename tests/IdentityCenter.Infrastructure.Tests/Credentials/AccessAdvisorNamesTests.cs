using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Tests.Access;
using Microsoft.EntityFrameworkCore;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

/// <summary>Access Advisor rows name their permission set and account (administrators do not read ps- ids), and keep the id when the set is gone.</summary>
public sealed class AccessAdvisorNamesTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Rows_CarryPermissionSetAndAccountNames_DeletedSetKeepsItsId(string provider)
    {
        await using var kit = await AccessTestKit.CreateAsync(provider);
        var (_, account, _) = await kit.CreateOrganizationAsync();
        var set = await kit.CreatePermissionSetAsync("Readers", AccessTestKit.AllowS3Get);
        var advisor = new AccessAdvisorTracker(kit.Directory.Get<IDbContextFactory<IdentityCenterDbContext>>());
        var now = DateTimeOffset.UtcNow;
        advisor.Record("u-1", "avery", account, set, "s3:GetObject", allowed: true, now);
        advisor.Record("u-1", "avery", account, "ps-00000000deadbeef", "s3:GetObject", allowed: false, now);
        await advisor.FlushAsync();

        var rows = await advisor.RecentAsync();
        var accountName = (await kit.Organizations.GetOrganizationAsync())!.Accounts.Single(a => a.Id == account).Name;

        var named = Assert.Single(rows, r => r.PermissionSetId == set);
        Assert.Equal(("Readers", accountName), (named.PermissionSetName, named.AccountName));
        Assert.NotEqual(account, accountName);
        var gone = Assert.Single(rows, r => r.PermissionSetId == "ps-00000000deadbeef");
        Assert.Equal("ps-00000000deadbeef", gone.PermissionSetName);
        Assert.Equal("Readers", Assert.Single(await advisor.ForUserAsync("u-1"), r => r.PermissionSetId == set).PermissionSetName);
        Assert.Equal(accountName, Assert.Single(await advisor.ForPermissionSetAsync(set)).AccountName);
    }
}
