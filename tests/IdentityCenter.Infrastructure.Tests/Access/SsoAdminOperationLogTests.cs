using IdentityCenter.Infrastructure.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Access;

/// <summary>
/// sso-admin request statuses are rows (migration Admin_SsoAdminApi), so a request made on one instance is found by
/// request id, kind and status on another instance of the same database, on SQLite and PostgreSQL.
/// </summary>
public sealed class SsoAdminOperationLogTests
{
    private static void Features(IServiceCollection services) => services.AddIdentityCenterAccessModel();

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task RecordedOnOneInstance_FoundAndListedOnAnother_ByKindAndStatus(string provider)
    {
        await using var a = await TestDirectory.CreateAsync(provider, services: Features);
        await using var b = await TestDirectory.CreateInstanceOfAsync(a, Features);
        var log = a.Get<ISsoAdminOperationLog>();
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var created = new SsoAdminOperation("11111111-1111-1111-1111-111111111111", SsoAdminOperationKind.AccountAssignmentCreation, "SUCCEEDED", null,
            "123456789012", "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111", "USER", "user-1", at);
        var failed = new SsoAdminOperation("22222222-2222-2222-2222-222222222222", SsoAdminOperationKind.PermissionSetProvisioning, "FAILED", "123456789012: policy Team is missing",
            null, "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111", null, null, at.AddSeconds(1));
        var later = created with { RequestId = "33333333-3333-3333-3333-333333333333", CreatedAt = at.AddSeconds(2) };
        await log.RecordAsync(created, "admin");
        await log.RecordAsync(failed, "admin");
        await log.RecordAsync(later, "admin");

        var other = b.Get<ISsoAdminOperationLog>();
        Assert.Equal(created, await other.FindAsync(SsoAdminOperationKind.AccountAssignmentCreation, created.RequestId));
        Assert.Null(await other.FindAsync(SsoAdminOperationKind.AccountAssignmentDeletion, created.RequestId));
        Assert.Equal(failed, await other.FindAsync(SsoAdminOperationKind.PermissionSetProvisioning, failed.RequestId));
        Assert.Equal([later.RequestId, created.RequestId], (await other.ListAsync(SsoAdminOperationKind.AccountAssignmentCreation, null)).Select(o => o.RequestId));
        Assert.Empty(await other.ListAsync(SsoAdminOperationKind.AccountAssignmentCreation, "FAILED"));
        Assert.Equal([failed], await other.ListAsync(SsoAdminOperationKind.PermissionSetProvisioning, "FAILED"));
    }
}
