using IdentityCenter.Infrastructure.Audit;
using IdentityCenter.Infrastructure.Credentials;

namespace IdentityCenter.Infrastructure.Tests.Credentials;

public sealed class CredentialServiceTests
{
    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Issue_AssignedRole_CredentialsCarryGrantAndAreAudited(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        kit.Entitlements.Assign("u-1", "g-devs");

        var result = await kit.Credentials.IssueAsync(new CredentialCaller("u-1", "alice", MfaPresent: true, "10.1.2.3"), CredentialsKit.Account, CredentialsKit.RoleName);
        await kit.Audit.FlushAsync();

        Assert.Equal(CredentialIssueOutcome.Issued, result.Outcome);
        var c = result.Credentials!;
        Assert.Matches("^ASIA[A-Z2-7]{16}$", c.AccessKeyId);
        Assert.Equal(40, c.SecretAccessKey.Length);
        Assert.Equal(c.Claims.IssuedAt + TimeSpan.FromHours(2), c.Expiration);
        Assert.True(c.Claims.MfaPresent);
        Assert.Equal(["g-devs"], c.Claims.GrantingPrincipalIds);
        Assert.Equal(3, c.Claims.PermissionSetVersion);
        Assert.Equal("blue", c.Claims.PrincipalTags["team"]);
        Assert.Equal("o-exampleorg1", c.Claims.OrganizationId);
        Assert.NotEmpty(c.Claims.OrganizationPaths);
        Assert.DoesNotContain(c.Claims.PrincipalTags.Keys, k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase));
        Assert.Matches($"^arn:aws:sts::{CredentialsKit.Account}:assumed-role/AWSReservedSSO_S3Reader_[0-9a-f]{{16}}/alice$", c.AssumedRoleArn);
        var audit = await test.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: CredentialAuditNames.GetRoleCredentials));
        var e = Assert.Single(audit.Items);
        Assert.Equal(c.AccessKeyId, e.ResponseElements["accessKeyId"]);
        Assert.Equal("10.1.2.3", e.SourceIpAddress);
        Assert.DoesNotContain(e.ResponseElements.Values, v => v == c.SecretAccessKey || v == c.SessionToken);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Issue_ConsolePurpose_AuditedAsFederate(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        kit.Entitlements.Assign("u-1");

        await kit.Credentials.IssueAsync(new CredentialCaller("u-1", "alice", false), CredentialsKit.Account, CredentialsKit.RoleName, CredentialPurpose.Console);
        await kit.Audit.FlushAsync();

        var audit = await test.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: CredentialAuditNames.Federate));
        Assert.Single(audit.Items);
    }

    [Theory]
    [MemberData(nameof(TestDirectory.Providers), MemberType = typeof(TestDirectory))]
    public async Task Issue_RefusedRequests_OneNoAccessAnswerForEveryReason_PreciseReasonOnlyInTheAuditLog(string provider)
    {
        await using var test = await TestDirectory.CreateAsync(provider);
        using var kit = new CredentialsKit(test);
        kit.Entitlements.Assign("u-other");
        var caller = new CredentialCaller("u-1", "alice", false);

        var unknownAccount = await kit.Credentials.IssueAsync(caller, "999999999999", CredentialsKit.RoleName);
        var unknownRole = await kit.Credentials.IssueAsync(caller, CredentialsKit.Account, "NoSuchRole");
        var notAssigned = await kit.Credentials.IssueAsync(caller, CredentialsKit.Account, CredentialsKit.RoleName);
        await kit.Audit.FlushAsync();

        Assert.Equal(
            [CredentialIssueOutcome.AccountNotFound, CredentialIssueOutcome.RoleNotFound, CredentialIssueOutcome.NotAssigned],
            new[] { unknownAccount, unknownRole, notAssigned }.Select(r => r.Outcome));
        Assert.All([unknownAccount, unknownRole, notAssigned], r =>
        {
            Assert.Equal((403, "No access"), (r.StatusCode, r.Message));
            Assert.Null(r.Credentials);
            Assert.Null(r.Grant);
        });
        var audit = await test.Get<IAuditLog>().QueryAsync(new AuditQuery(EventName: CredentialAuditNames.GetRoleCredentials));
        Assert.Equal(3, audit.Items.Count);
        Assert.All(audit.Items, e => Assert.Equal(("ForbiddenException", "No access"), (e.ErrorCode, e.ErrorMessage)));
        var reasons = audit.Items.Select(e => e.AdditionalEventData[CredentialService.RefusalReasonKey]).ToList();
        Assert.Equal(3, reasons.Distinct().Count());
        Assert.Contains(reasons, r => r!.Contains("999999999999", StringComparison.Ordinal) && r.Contains("account", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r!.Contains("NoSuchRole", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r!.Contains("not assigned", StringComparison.Ordinal));
    }
}
