using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Tests.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Core.Tests.Credentials;

/// <summary>
/// <see cref="SessionTokenProtector"/> remembers the tokens it opened: the same token presented again is not decrypted again,
/// and still every check that depends on time, the key ring or revocation holds at the very next use, and a remembered token
/// never answers for another token or another access key id.
/// </summary>
public sealed class UnsealedTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(CredentialTestData.Start);
    private readonly TokenKeyRingHolder _ring = new(TokenKeyRing.CreateNew(new SeededRandomSource(21), CredentialTestData.Start));
    private readonly RevocationSnapshotHolder _revocations = new(RevocationSnapshot.Empty);

    [Fact]
    public void Unseal_SameTokenAgain_AnsweredFromMemory()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret(3));

        var first = protector.Unseal(token, claims.AccessKeyId, includeSecretAccessKey: true);
        var second = protector.Unseal(token, claims.AccessKeyId, includeSecretAccessKey: true);
        var withoutSecret = protector.Unseal(token, claims.AccessKeyId);

        Assert.True(first.Succeeded);
        Assert.Same(first, second);
        Assert.Same(first.Claims, withoutSecret.Claims);
        Assert.Equal(Convert.ToBase64String(CredentialTestData.Secret(3)), second.SecretAccessKey);
        Assert.Null(withoutSecret.SecretAccessKey);
    }

    [Fact]
    public void Unseal_CacheOff_OpensEveryTime()
    {
        var protector = new SessionTokenProtector(_ring, _time, cachedTokens: 0);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());

        var first = protector.Unseal(token, claims.AccessKeyId);
        var second = protector.Unseal(token, claims.AccessKeyId);

        Assert.True(second.Succeeded);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Validate_RevokedAfterTheTokenWasRemembered_RevokedAtTheNextCheck()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var validator = new SessionCredentialValidator(protector, _revocations);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(validator.Validate(token, claims.AccessKeyId, includeSecretAccessKey: true).Succeeded);
        Assert.True(validator.Validate(token, claims.AccessKeyId, includeSecretAccessKey: true).Succeeded);

        // Disabling a user, deleting their sessions, ending an event: a user watermark.
        _revocations.Update(s => s.RevokeUser(claims.UserId, _time.GetUtcNow()));
        var revoked = validator.Validate(token, claims.AccessKeyId, includeSecretAccessKey: true);

        Assert.Equal(CredentialErrorCode.TokenRevoked, revoked.Error?.Code);
        Assert.Null(revoked.SecretAccessKey);
    }

    [Fact]
    public void Validate_EveryoneRevokedAfterTheTokenWasRemembered_RevokedAtTheNextCheck()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var validator = new SessionCredentialValidator(protector, _revocations);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(validator.Validate(token, claims.AccessKeyId).Succeeded);

        _revocations.Update(s => s.RevokeAll(_time.GetUtcNow()));

        Assert.Equal(CredentialErrorCode.TokenRevoked, validator.Validate(token, claims.AccessKeyId).Error?.Code);
    }

    [Fact]
    public void Unseal_RememberedTokenReachesItsExpiry_ExpiredAtThatInstant()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow(), TimeSpan.FromMinutes(15));
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromMilliseconds(1));
        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var expired = protector.Unseal(token, claims.AccessKeyId, includeSecretAccessKey: true);

        Assert.Equal(CredentialErrorCode.ExpiredToken, expired.Error?.Code);
        Assert.Equal(claims.UserId, expired.Claims?.UserId);
        Assert.Null(expired.SecretAccessKey);
    }

    [Fact]
    public void Unseal_RememberedTokenWithAnotherAccessKeyId_Refused()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);

        var other = protector.Unseal(token, "ASIAZZZZZZZZZZZZZZZZ", includeSecretAccessKey: true);

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, other.Error?.Code);
        Assert.Null(other.Claims);
        Assert.Null(other.SecretAccessKey);
    }

    [Fact]
    public void Unseal_TwoTokens_EachAnswersWithItsOwnClaimsAndSecret()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var alice = CredentialTestData.Claims(_time.GetUtcNow());
        var bob = CredentialTestData.Claims(_time.GetUtcNow(), accessKeyId: "ASIABBBBBBBBBBBBBBBB") with { UserId = "bob-id", UserName = "bob@example.com", SessionName = "bob@example.com" };
        var aliceToken = protector.Seal(alice, CredentialTestData.Secret(1));
        var bobToken = protector.Seal(bob, CredentialTestData.Secret(2));

        for (var round = 0; round < 3; round++)
        {
            var a = protector.Unseal(aliceToken, alice.AccessKeyId, includeSecretAccessKey: true);
            var b = protector.Unseal(bobToken, bob.AccessKeyId, includeSecretAccessKey: true);

            Assert.Equal("alice@example.com", a.Claims!.UserName);
            Assert.Equal("bob@example.com", b.Claims!.UserName);
            Assert.Equal(Convert.ToBase64String(CredentialTestData.Secret(1)), a.SecretAccessKey);
            Assert.Equal(Convert.ToBase64String(CredentialTestData.Secret(2)), b.SecretAccessKey);
            Assert.Equal(CredentialErrorCode.InvalidClientTokenId, protector.Unseal(aliceToken, bob.AccessKeyId).Error?.Code);
        }
    }

    [Fact]
    public void Unseal_RememberedTokenWithOneCharacterChanged_Refused()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);

        for (var i = 0; i < token.Length; i += 7)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Equal(CredentialErrorCode.InvalidClientTokenId, protector.Unseal(changed, claims.AccessKeyId).Error?.Code);
        }
    }

    [Fact]
    public void Unseal_KeyThatOpenedTheTokenLeftTheRing_RefusedThoughRemembered()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);

        _ring.Replace(TokenKeyRing.CreateNew(new SeededRandomSource(99), _time.GetUtcNow()));

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, protector.Unseal(token, claims.AccessKeyId).Error?.Code);
    }

    [Fact]
    public void Unseal_KeyRotatedButStillInTheRing_StillOpens()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());
        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);

        // Rotation retires the key (a new instance of it) and keeps it in the ring until its tokens expire.
        _ring.Replace(_ring.Current.Rotate(new SeededRandomSource(5), _time.GetUtcNow()));

        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);
    }

    [Fact]
    public void Unseal_FirstPresentedWithAWrongAccessKeyId_FailureNotRemembered()
    {
        var protector = new SessionTokenProtector(_ring, _time);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = protector.Seal(claims, CredentialTestData.Secret());

        Assert.False(protector.Unseal(token, "ASIAZZZZZZZZZZZZZZZZ").Succeeded);

        Assert.True(protector.Unseal(token, claims.AccessKeyId).Succeeded);
    }

    [Fact]
    public void Unseal_MoreTokensThanTheCapacity_OldestForgottenAndOpenedAgain()
    {
        var protector = new SessionTokenProtector(_ring, _time, cachedTokens: 4);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var first = protector.Seal(claims, CredentialTestData.Secret());
        var remembered = protector.Unseal(first, claims.AccessKeyId);
        Assert.Same(remembered, protector.Unseal(first, claims.AccessKeyId));

        for (var i = 0; i < 10; i++)
        {
            var other = protector.Seal(claims, CredentialTestData.Secret(i + 10));
            Assert.True(protector.Unseal(other, claims.AccessKeyId).Succeeded);
        }

        var reopened = protector.Unseal(first, claims.AccessKeyId);
        Assert.True(reopened.Succeeded);
        Assert.NotSame(remembered, reopened);
    }
}
