using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Web.Components.Pages.Portal;
using IdentityCenter.Web.Tests.Fakes;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Endpoints;

/// <summary>The playground's checks in the running app: its own service key, the same authorize path as resource services.</summary>
public sealed class PlaygroundAuthorizerTests : IClassFixture<CredentialsWebFactory>
{
    private const string Account = "777788889999";
    private const string PermissionSetId = "ps-7777777777777777";

    private readonly CredentialsWebFactory _factory;

    public PlaygroundAuthorizerTests(CredentialsWebFactory factory)
    {
        _factory = factory;
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "Developer", PermissionSetId));
        _factory.PolicySets.Set(
            Account,
            PermissionSetId,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:*","dynamodb:*"],"Resource":"*"}]}""",
            """{"Version":"2012-10-17","Statement":[{"Sid":"ProtectTables","Effect":"Deny","Action":"dynamodb:DeleteTable","Resource":"*"}]}""");
        _factory.Entitlements.Assign("u-play", Account, "Developer");
        using var client = factory.CreateClient();
    }

    [Fact]
    public async Task Authorize_DemoInventory_GrantedActionAllowedScpForbiddenDenied()
    {
        var inventory = DemoInventory.For(Account);
        var table = inventory.First(r => r.Service == "DynamoDB");
        var obj = inventory.First(r => r.Kind == "Object");
        await using var scope = _factory.Services.CreateAsyncScope();
        var credentials = (await scope.ServiceProvider.GetRequiredService<CredentialService>()
            .IssueAsync(new CredentialCaller("u-play", "pat", true), Account, "Developer")).Credentials!;
        var playground = scope.ServiceProvider.GetRequiredService<PlaygroundAuthorizer>();

        var get = await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", obj.Arn);
        var delete = await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "dynamodb:DeleteTable", table.Arn);

        // The playground checks credentials it issued, server-side: its built-in service needs no bare-token switch.
        var builtIn = (await scope.ServiceProvider.GetRequiredService<ResourceServiceRegistry>().ListAsync()).Single(s => s.IsInternal);
        Assert.False(builtIn.AllowBareTokens);
        Assert.Equal(Decision.Allow, get.Decision);
        Assert.NotNull(get.Explanation);
        Assert.Equal(Decision.ExplicitDeny, delete.Decision);
        Assert.Equal(PolicyType.ServiceControlPolicy, delete.Explanation!.DecidedBy);
        Assert.StartsWith($"arn:aws:dynamodb:us-east-1:{Account}:table/", table.Arn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_AfterGroupAssignmentRemoved_CredentialsRevoked()
    {
        _factory.Entitlements.AddRole(FakeEntitlementService.Grant(Account, "ViaGroup", PermissionSetId, granting: ["g-team"]));
        _factory.Entitlements.Assign("u-group", Account, "ViaGroup");
        await using var scope = _factory.Services.CreateAsyncScope();
        var credentials = (await scope.ServiceProvider.GetRequiredService<CredentialService>()
            .IssueAsync(new CredentialCaller("u-group", "gus", true), Account, "ViaGroup")).Credentials!;
        var playground = scope.ServiceProvider.GetRequiredService<PlaygroundAuthorizer>();
        Assert.Equal(Decision.Allow, (await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "*")).Decision);

        await _factory.Services.GetRequiredService<ICredentialRevocation>().RevokeAssignmentAsync(Account, PermissionSetId, "g-team", Actor.System);
        var after = await playground.AuthorizeAsync(credentials.AccessKeyId, credentials.SessionToken, "s3:GetObject", "*");

        Assert.Equal(CredentialErrorCode.TokenRevoked, after.Error?.Code);
    }
}
