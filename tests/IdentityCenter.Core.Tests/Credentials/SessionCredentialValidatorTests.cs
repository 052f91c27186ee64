using System.Buffers.Text;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Tests.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Core.Tests.Credentials;

/// <summary>The one credential check: the token alone gives the claims and the secret; expiry and revocation refuse.</summary>
public sealed class SessionCredentialValidatorTests
{
    private readonly FakeTimeProvider _time = new(CredentialTestData.Start);
    private readonly RevocationSnapshotHolder _revocations = new(RevocationSnapshot.Empty);
    private readonly SessionTokenProtector _protector;
    private readonly SessionCredentialValidator _validator;

    public SessionCredentialValidatorTests()
    {
        _protector = new SessionTokenProtector(new TokenKeyRingHolder(TokenKeyRing.CreateNew(new SeededRandomSource(5), CredentialTestData.Start)), _time);
        _validator = new SessionCredentialValidator(_protector, _revocations);
    }

    [Fact]
    public void Validate_IssuedCredentials_SecretRecoveredFromTheTokenAlone()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret(7));

        var result = _validator.Validate(token, claims.AccessKeyId, includeSecretAccessKey: true);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal(Convert.ToBase64String(CredentialTestData.Secret(7)), result.SecretAccessKey);
        Assert.Equal(claims.SessionName, result.Claims!.SessionName);
    }

    [Fact]
    public void Validate_RevokedUser_TokenRevokedAndNoSecret()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());
        _revocations.Update(s => s.RevokeUser(claims.UserId, _time.GetUtcNow()));

        var result = _validator.Validate(token, claims.AccessKeyId, includeSecretAccessKey: true);

        Assert.Equal(CredentialErrorCode.TokenRevoked, result.Error?.Code);
        Assert.Null(result.SecretAccessKey);
    }

    [Fact]
    public void Validate_Expired_ExpiredToken()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow(), TimeSpan.FromHours(1));
        var token = _protector.Seal(claims, CredentialTestData.Secret());
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(CredentialErrorCode.ExpiredToken, _validator.Validate(token, claims.AccessKeyId, true).Error?.Code);
    }

    [Fact]
    public void Validate_TokenOfTheOlderFormatWithoutTheSecret_RefusedAsInvalid()
    {
        // Format 1 tokens did not carry the secret access key: a format byte other than the current one is refused outright.
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var bytes = Base64Url.DecodeFromChars(_protector.Seal(claims, CredentialTestData.Secret()));
        bytes[0] = 1;

        var result = _validator.Validate(Base64Url.EncodeToString(bytes), claims.AccessKeyId, true);

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, result.Error?.Code);
        Assert.Null(result.Claims);
    }
}
