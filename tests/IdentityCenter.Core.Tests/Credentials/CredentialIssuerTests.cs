using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Core.Tests.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class CredentialIssuerTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_Ops_0123456789abcdef";

    private readonly FakeTimeProvider _time = new(CredentialTestData.Start.AddTicks(1234));
    private readonly SessionTokenProtector _protector;
    private readonly CredentialIssuer _issuer;

    public CredentialIssuerTests()
    {
        var ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(new SeededRandomSource(21), CredentialTestData.Start));
        _protector = new SessionTokenProtector(ring, _time);
        _issuer = new CredentialIssuer(_protector, new SeededRandomSource(22), _time);
    }

    private static CredentialRequest Request(TimeSpan duration) => new()
    {
        UserId = "u-1",
        UserName = "alice",
        AccountId = "111122223333",
        PermissionSet = new PermissionSet { Id = "ps-0123456789abcdef", Name = "Ops", SessionDuration = duration, Version = 7 },
        RoleArn = RoleArn,
        MfaPresent = true,
        PrincipalTags = new Dictionary<string, string> { ["Department"] = "Ops" },
        GrantingPrincipalIds = ["g-ops"],
    };

    [Fact]
    public void Issue_FourHourPermissionSet_ExpiresFourHoursAfterIssue()
    {
        var credentials = _issuer.Issue(Request(TimeSpan.FromHours(4)));

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal(issued.AddHours(4), credentials.Expiration);
        Assert.Equal(issued, credentials.Claims.IssuedAt);
        Assert.Equal(credentials.Expiration.ToUnixTimeMilliseconds(), credentials.ExpirationEpochMilliseconds);
    }

    [Fact]
    public void Issue_EntitlementCheckedEarlier_RecordsThatTimeSoLaterRevocationsCoverIt()
    {
        var checkedAt = _time.GetUtcNow().AddMilliseconds(-250);
        var revokedBetween = checkedAt.AddMilliseconds(100);

        var credentials = _issuer.Issue(Request(TimeSpan.FromHours(1)) with { IssuedAt = checkedAt });

        Assert.Equal(checkedAt.ToUnixTimeMilliseconds(), credentials.Claims.IssuedAt.ToUnixTimeMilliseconds());
        Assert.Equal(checkedAt.ToUnixTimeMilliseconds() + 3_600_000, credentials.Expiration.ToUnixTimeMilliseconds());
        Assert.True(credentials.Claims.IssuedAt <= revokedBetween);
    }

    [Fact]
    public void Issue_Credentials_HaveAwsShapes()
    {
        var credentials = _issuer.Issue(Request(TimeSpan.FromHours(1)));

        Assert.Matches("^ASIA[A-Z2-7]{16}$", credentials.AccessKeyId);
        Assert.Equal(40, credentials.SecretAccessKey.Length);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Ops_0123456789abcdef/alice", credentials.AssumedRoleArn);
        Assert.Matches("^AROA[A-Z2-7]{17}:alice$", credentials.Claims.ToRoleSession().AwsUserId);
        Assert.DoesNotContain(credentials.SecretAccessKey, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(credentials.SessionToken, credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_Token_UnsealsToRequestAndCarriesTheSameSecret()
    {
        var credentials = _issuer.Issue(Request(TimeSpan.FromHours(2)));

        var result = _protector.Unseal(credentials.SessionToken, credentials.AccessKeyId, includeSecretAccessKey: true);

        Assert.True(result.Succeeded);
        Assert.Equal(credentials.SecretAccessKey, result.SecretAccessKey);
        var claims = result.Claims!;
        Assert.Equal(("u-1", "alice", "111122223333", "ps-0123456789abcdef", 7), (claims.UserId, claims.UserName, claims.AccountId, claims.PermissionSetId, claims.PermissionSetVersion));
        Assert.Equal(RoleArn, claims.RoleArn);
        Assert.Equal("alice", claims.SessionName);
        Assert.Equal("Ops", claims.PrincipalTags["department"]);
        Assert.Equal(["g-ops"], claims.GrantingPrincipalIds);
        Assert.True(claims.MfaPresent);
        Assert.Equal(credentials.Expiration, claims.ExpiresAt);
    }

    [Fact]
    public void Issue_AfterSessionDuration_TokenExpired()
    {
        var credentials = _issuer.Issue(Request(TimeSpan.FromHours(1)));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(CredentialErrorCode.ExpiredToken, _protector.Unseal(credentials.SessionToken, credentials.AccessKeyId).Error!.Code);
    }

    [Fact]
    public void Issue_TwoCalls_FreshKeysEachTime()
    {
        var first = _issuer.Issue(Request(TimeSpan.FromHours(1)));
        var second = _issuer.Issue(Request(TimeSpan.FromHours(1)));

        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.NotEqual(first.SecretAccessKey, second.SecretAccessKey);
        Assert.False(_protector.Unseal(first.SessionToken, second.AccessKeyId).Succeeded);
    }

    [Fact]
    public void Issue_RevokedUserAfterIssue_SnapshotRejects()
    {
        var credentials = _issuer.Issue(Request(TimeSpan.FromHours(1)));
        _time.Advance(TimeSpan.FromSeconds(1));
        var snapshot = RevocationSnapshot.Empty.RevokeUser("u-1", _time.GetUtcNow());

        var claims = _protector.Unseal(credentials.SessionToken, credentials.AccessKeyId).Claims!;

        Assert.Equal(CredentialErrorCode.TokenRevoked, snapshot.Check(claims)!.Code);
    }

    [Fact]
    public void Issue_PermissionSetDurationOutOfRange_ThrowsQuotingRange()
    {
        var error = Assert.Throws<ArgumentException>(() => _issuer.Issue(Request(TimeSpan.FromMinutes(10))));

        Assert.Contains("PT12H", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_InvalidAccount_Throws() =>
        Assert.Throws<ArgumentException>(() => _issuer.Issue(Request(TimeSpan.FromHours(1)) with { AccountId = "12" }));
}
