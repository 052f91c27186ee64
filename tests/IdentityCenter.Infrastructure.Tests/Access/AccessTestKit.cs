using IdentityCenter.Core.Audit;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Access;

/// <summary>Records revocations so tests can check that deleting an assignment revokes its credentials.</summary>
public sealed class RecordingRevocation : ICredentialRevocation
{
    public List<(string AccountId, string PermissionSetId, string PrincipalId)> Assignments { get; } = [];

    /// <summary>Writes the rows as the real service does; records the assignment revocations once committed.</summary>
    public Task<StagedRevocations> StageAsync(IdentityCenterDbContext db, Actor actor, CancellationToken cancellationToken = default) => Task.FromResult(new StagedRevocations(db, actor, DateTimeOffset.UtcNow, rows =>
    {
        lock (Assignments)
        {
            Assignments.AddRange(rows.Where(r => r.Kind == RevocationKinds.Assignment).Select(r => (r.AccountId!, r.PermissionSetId!, r.PrincipalId!)));
        }
    }));

    public Task RevokeUserAsync(string userId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeAllAsync(Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task RevokeAssignmentAsync(string accountId, string permissionSetId, string principalId, Actor actor, CancellationToken cancellationToken = default)
    {
        lock (Assignments)
        {
            Assignments.Add((accountId, permissionSetId, principalId));
        }

        return Task.CompletedTask;
    }

    public Task RevokeMembershipAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>A test directory with the access model registered, plus helpers that fail loudly.</summary>
public sealed class AccessTestKit : IAsyncDisposable
{
    public const string AllowS3Get = """{"Version":"2012-10-17","Statement":[{"Sid":"ReadObjects","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    public const string DenyS3Get = """{"Version":"2012-10-17","Statement":[{"Sid":"NoReads","Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}""";

    private AccessTestKit(TestDirectory directory, RecordingRevocation revocation)
    {
        Directory = directory;
        Revocation = revocation;
    }

    public TestDirectory Directory { get; }

    public RecordingRevocation Revocation { get; }

    public Actor Admin => Directory.Admin;

    public IOrganizationService Organizations => Directory.Get<IOrganizationService>();

    public IPolicyService Policies => Directory.Get<IPolicyService>();

    public IPermissionSetService PermissionSets => Directory.Get<IPermissionSetService>();

    public IAssignmentService Assignments => Directory.Get<IAssignmentService>();

    public IEntitlementService Entitlements => Directory.Get<IEntitlementService>();

    public IPolicySetProvider PolicySets => Directory.Get<IPolicySetProvider>();

    public IAccessControlAttributeService Attributes => Directory.Get<IAccessControlAttributeService>();

    public IEffectiveAccessService EffectiveAccess => Directory.Get<IEffectiveAccessService>();

    public IPolicySimulator Simulator => Directory.Get<IPolicySimulator>();

    public static async Task<AccessTestKit> CreateAsync(string provider, Action<IServiceCollection>? services = null)
    {
        var revocation = new RecordingRevocation();
        var directory = await TestDirectory.CreateAsync(provider, configure: builder =>
        {
            builder.Services.AddSingleton<ICredentialRevocation>(revocation);
            builder.AddIdentityCenterAccessModel();
        }, services: services);
        return new AccessTestKit(directory, revocation);
    }

    /// <summary>An organization with one member account under the root; returns (root id, member account id, management account id).</summary>
    public async Task<(string RootId, string AccountId, string ManagementId)> CreateOrganizationAsync()
    {
        var org = Ok(await Organizations.CreateOrganizationAsync(new OrganizationInput("Management", "mgmt@example.com"), Admin));
        var account = Ok(await Organizations.CreateAccountAsync(new AccountInput("Workload", "workload@example.com", org.RootId), Admin));
        return (org.RootId, account.Id, org.ManagementAccountId);
    }

    public async Task<string> CreateUserAsync(string userName) =>
        Ok(await Directory.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest(userName, userName + " Display", Email: userName + "@example.com"), Admin)).User.Id;

    public async Task<string> CreateGroupAsync(string name) =>
        Ok(await Directory.Get<IGroupDirectoryService>().CreateGroupAsync(new GroupInput(name, null), Admin)).Id;

    public async Task AddMemberAsync(string groupId, string userId) =>
        Ok(await Directory.Get<IGroupDirectoryService>().AddMembersAsync(groupId, [userId], Admin));

    public async Task<string> CreatePermissionSetAsync(string name, string? inline = null, IReadOnlyList<CustomerManagedPolicyReference>? customer = null, string? duration = null) =>
        Ok(await PermissionSets.CreateAsync(new PermissionSetInput(name, SessionDuration: duration, InlinePolicy: inline, CustomerManagedPolicyReferences: customer), Admin)).PermissionSet.Id;

    public static T Ok<T>(Core.Directory.OperationResult<T> result)
    {
        Assert.True(result.Succeeded, result.Summary);
        return result.Value!;
    }

    public static void Ok(Core.Directory.OperationResult result) => Assert.True(result.Succeeded, result.Summary);

    public ValueTask DisposeAsync() => Directory.DisposeAsync();
}
