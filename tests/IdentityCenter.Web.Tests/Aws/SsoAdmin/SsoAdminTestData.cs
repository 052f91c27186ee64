using System.Text.Json;
using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.UserAccessKeys;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Aws.SsoAdmin;

/// <summary>Setup for the sso-admin tests through the console's services: the organization, accounts, users and keys.</summary>
internal static class SsoAdminTestData
{
    private static readonly SemaphoreSlim OrganizationGate = new(1, 1);

    /// <summary>
    /// A script prefix that replaces the prelude's client with one that skips botocore's own parameter checks (required
    /// members, minimum lengths and values), so that the server's validation is what answers.
    /// </summary>
    public const string WithoutClientValidation = """
        client = boto3.client(_a["service"], endpoint_url=_a["url"], region_name=_a["region"], aws_access_key_id=_a["key"],
                              aws_secret_access_key=_a["secret"], config=Config(retries={"total_max_attempts": 1}, parameter_validation=False))

        """;

    public static string Url(AdminApiHost host) => new Uri(host.BaseUrl, "aws/sso-admin").ToString();

    /// <summary>One boto3 script against sso-admin with the bootstrap administrator's key.</summary>
    public static JsonElement Script(AdminApiHost host, string body, object? arguments = null) =>
        Boto3.Script("sso-admin", Url(host), AdminApiHost.BootstrapKeyId, AdminApiHost.BootstrapSecret, body, arguments);

    /// <summary>A new account in the host's organization (created on first use), and a new user; returns their ids.</summary>
    public static async Task<(string AccountId, string UserId)> AccountAndUserAsync(AdminApiHost host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var organizations = scope.ServiceProvider.GetRequiredService<IOrganizationService>();
        await OrganizationGate.WaitAsync();
        try
        {
            if (await organizations.GetOrganizationAsync() is null)
            {
                var created = await organizations.CreateOrganizationAsync(new OrganizationInput("Management", "management@example.com"), Actor.System);
                Assert.True(created.Succeeded, created.Summary);
            }
        }
        finally
        {
            OrganizationGate.Release();
        }

        var organization = (await organizations.GetOrganizationAsync())!.Organization;
        var account = await organizations.CreateAccountAsync(new AccountInput(name, $"{name}@example.com", organization.RootId), Actor.System);
        Assert.True(account.Succeeded, account.Summary);
        var user = await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(name + ".user", name + " User"), Actor.System);
        Assert.True(user.Succeeded, user.Summary);
        return (account.Value!.Id, user.Value!.User.Id);
    }

    /// <summary>A user with an access key, member of the built-in group <paramref name="groupId"/>.</summary>
    public static async Task<(string KeyId, string Secret)> KeyInGroupAsync(AdminApiHost host, string userName, string groupId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(userName, userName), Actor.System);
        Assert.True(created.Succeeded, created.Summary);
        var added = await scope.ServiceProvider.GetRequiredService<IGroupDirectoryService>().AddMembersAsync(groupId, [created.Value!.User.Id], Actor.System);
        Assert.True(added.Succeeded, added.Summary);
        var key = await host.Services.GetRequiredService<IAccessKeyService>().CreateAsync(created.Value.User.Id, Actor.System);
        return (key.Value!.Key.AccessKeyId, key.Value.SecretAccessKey);
    }

    public static string HelpDeskGroupId => BuiltInGroups.HelpDeskId;
}
