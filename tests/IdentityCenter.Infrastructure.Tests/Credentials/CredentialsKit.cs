using IdentityCenter.Core.Aws.SigV4;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Organizations;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Policies.Evaluation;
using IdentityCenter.Core.Policies.Language;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

/// <summary>
/// The credentials services of one "instance" over a <see cref="TestDirectory"/>'s database, built by hand so a
/// test can start a second instance on the same database (a restart, or another server).
/// </summary>
internal sealed class CredentialsKit : IDisposable
{
    public const string Account = "111122223333";
    public const string PermissionSetId = "ps-0123456789abcdef";
    public const string RoleName = "S3Reader";

    public CredentialsKit(TestDirectory test, FakeEntitlements? entitlements = null, FakePolicySets? policySets = null, CredentialsOptions? settings = null, IDbContextFactory<IdentityCenterDbContext>? contexts = null)
    {
        Test = test;
        Options = Microsoft.Extensions.Options.Options.Create(settings ?? new CredentialsOptions());
        contexts ??= test.Root.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>();
        Holder = new TokenKeyRingHolder(TokenKeyRing.CreateNew(CryptoRandomSource.Instance, test.Time.GetUtcNow()));
        KeyStore = new TokenKeyRingStore(contexts, test.Root.GetRequiredService<IDataProtectionProvider>(), Holder, CryptoRandomSource.Instance, test.Time, Options);
        Protector = new SessionTokenProtector(Holder, test.Time);
        Issuer = new CredentialIssuer(Protector, CryptoRandomSource.Instance, test.Time);
        Audit = new CredentialAuditBuffer(contexts, NullLogger<CredentialAuditBuffer>.Instance);
        Snapshot = new RevocationSnapshotHolder(RevocationSnapshot.Empty);
        Revocation = new CredentialRevocationService(contexts, Snapshot, test.Time, Options);
        Registry = new ResourceServiceRegistry(contexts, CryptoRandomSource.Instance, test.Time);
        Advisor = new AccessAdvisorTracker(contexts);
        Allowed = new AllowedDecisionAggregator();
        Entitlements = entitlements ?? new FakeEntitlements();
        PolicySets = policySets ?? new FakePolicySets();
        Credentials = new CredentialService(Entitlements, Issuer, Audit, test.Time);
        Messages = new AuthorizationMessageProtector(test.Root.GetRequiredService<IDataProtectionProvider>(), test.Time);
        Authorizer = new AuthorizeService(new SessionCredentialValidator(Protector, Snapshot), PolicySets, Audit, Allowed, Advisor, Messages, new SigV4Verifier(), test.Time, Recent);
    }

    public TestDirectory Test { get; }

    public IOptions<CredentialsOptions> Options { get; }

    public TokenKeyRingHolder Holder { get; }

    public TokenKeyRingStore KeyStore { get; }

    public SessionTokenProtector Protector { get; }

    public CredentialIssuer Issuer { get; }

    public CredentialAuditBuffer Audit { get; }

    public RevocationSnapshotHolder Snapshot { get; }

    public CredentialRevocationService Revocation { get; }

    public ResourceServiceRegistry Registry { get; }

    public AccessAdvisorTracker Advisor { get; }

    public AllowedDecisionAggregator Allowed { get; }

    public FakeEntitlements Entitlements { get; }

    public FakePolicySets PolicySets { get; }

    public CredentialService Credentials { get; }

    public AuthorizationMessageProtector Messages { get; }

    public AuthorizeService Authorizer { get; }

    /// <summary>The room view's feed of this kit's decisions.</summary>
    public RecentDecisionFeed Recent { get; } = new();

    public async Task<RoleCredentials> IssueAsync(string userId, string userName = "alice", bool mfa = true)
    {
        Entitlements.Assign(userId);
        var result = await Credentials.IssueAsync(new CredentialCaller(userId, userName, mfa), Account, RoleName);
        return result.Credentials ?? throw new InvalidOperationException(result.Message);
    }

    public static RoleGrant Grant(IReadOnlyList<string>? granting = null, TimeSpan? duration = null) => new(
        Account,
        "Production",
        PermissionSetId,
        RoleName,
        3,
        PermissionSetNaming.RoleName(RoleName, "0123456789abcdef"),
        PermissionSetNaming.RoleArn(Account, "us-east-1", PermissionSetNaming.RoleName(RoleName, "0123456789abcdef")),
        duration ?? TimeSpan.FromHours(2),
        "https://console.aws.amazon.com/s3/home",
        "o-exampleorg1",
        ["o-exampleorg1/r-ab12/ou-ab12-11111111/"],
        granting ?? [],
        new Dictionary<string, string> { ["team"] = "blue" });

    public void Dispose()
    {
        KeyStore.Dispose();
        Revocation.Dispose();
        Registry.Dispose();
    }
}

/// <summary>One account, one role; users are assigned directly or via a group id.</summary>
internal sealed class FakeEntitlements : IEntitlementService
{
    private readonly Dictionary<string, IReadOnlyList<string>> _assigned = new(StringComparer.Ordinal);

    public void Assign(string userId, params string[] grantingPrincipalIds) =>
        _assigned[userId] = grantingPrincipalIds.Length > 0 ? grantingPrincipalIds : [userId];

    public void Unassign(string userId) => _assigned.Remove(userId);

    public Task<IReadOnlyList<EntitledAccount>> ListAccountsAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EntitledAccount>>(_assigned.ContainsKey(userId) ? [new EntitledAccount(CredentialsKit.Account, "Production", "prod@example.com")] : []);

    public Task<IReadOnlyList<EntitledRole>> ListRolesAsync(string userId, string accountId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<EntitledRole>>([]);

    public Task<RoleResolutionResult> ResolveRoleAsync(string userId, string accountId, string roleName, CancellationToken cancellationToken = default) =>
        Task.FromResult(accountId != CredentialsKit.Account ? RoleResolutionResult.Failed(RoleResolution.AccountNotFound)
            : roleName != CredentialsKit.RoleName ? RoleResolutionResult.Failed(RoleResolution.RoleNotFound)
            : _assigned.TryGetValue(userId, out var granting) ? RoleResolutionResult.Granted(CredentialsKit.Grant(granting))
            : RoleResolutionResult.Failed(RoleResolution.NotAssigned));
}

/// <summary>Identity policy and optional SCP for the kit's (account, permission set).</summary>
internal sealed class FakePolicySets : IPolicySetProvider
{
    public PolicySet? Set { get; set; }

    public FakePolicySets Use(string identityPolicy, string? scp = null)
    {
        IEnumerable<IEnumerable<NamedPolicy>>? scps = scp is null ? null
            : [[Parse("FullAWSAccess", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"""), Parse("Guardrail", scp)]];
        Set = new PolicySet([Parse("Inline", identityPolicy)], serviceControlPolicies: scps);
        return this;
    }

    public ValueTask<PolicySet?> GetAsync(string accountId, string permissionSetId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(accountId == CredentialsKit.Account && permissionSetId == CredentialsKit.PermissionSetId ? Set : null);

    public ValueTask<PolicySet?> GetForResourceAsync(string accountId, string permissionSetId, string resourceAccountId, CancellationToken cancellationToken = default) =>
        GetAsync(accountId, permissionSetId, cancellationToken);

    private static NamedPolicy Parse(string name, string json) => new(name, PolicyParser.Parse(json).Document ?? throw new ArgumentException(json, nameof(json)));
}
