using System.Buffers.Text;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.Tests.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace IdentityCenter.Core.Tests.Credentials;

public sealed class SessionTokenProtectorTests
{
    private readonly FakeTimeProvider _time = new(CredentialTestData.Start);
    private readonly TokenKeyRingHolder _ring;
    private readonly SessionTokenProtector _protector;

    public SessionTokenProtectorTests()
    {
        _ring = new TokenKeyRingHolder(TokenKeyRing.CreateNew(new SeededRandomSource(11), CredentialTestData.Start));
        _protector = new SessionTokenProtector(_ring, _time);
    }

    [Fact]
    public void Unseal_FreshToken_ReturnsEveryClaim()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var secret = CredentialTestData.Secret();
        var token = _protector.Seal(claims, secret);

        var result = _protector.Unseal(token, claims.AccessKeyId, includeSecretAccessKey: true);

        Assert.True(result.Succeeded, result.Error?.ToString());
        var c = result.Claims!;
        Assert.Equal(claims.AccessKeyId, c.AccessKeyId);
        Assert.Equal(claims.UserId, c.UserId);
        Assert.Equal(claims.UserName, c.UserName);
        Assert.Equal(claims.AccountId, c.AccountId);
        Assert.Equal(claims.PermissionSetId, c.PermissionSetId);
        Assert.Equal(3, c.PermissionSetVersion);
        Assert.Equal(claims.RoleArn, c.RoleArn);
        Assert.Equal(claims.SessionName, c.SessionName);
        Assert.Equal(claims.IssuedAt, c.IssuedAt);
        Assert.Equal(claims.ExpiresAt, c.ExpiresAt);
        Assert.True(c.MfaPresent);
        Assert.Equal(claims.PrincipalTags.OrderBy(kv => kv.Key), c.PrincipalTags.OrderBy(kv => kv.Key));
        Assert.Equal("o-abcdefghij", c.OrganizationId);
        Assert.Equal(["o-abcdefghij/r-ab12/ou-ab12-workload/"], c.OrganizationPaths);
        Assert.DoesNotContain(c.PrincipalTags.Keys, k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(claims.GrantingPrincipalIds, c.GrantingPrincipalIds);
        Assert.Equal(Convert.ToBase64String(secret), result.SecretAccessKey);
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice@example.com", c.AssumedRoleArn);
    }

    [Fact]
    public void Unseal_SecretNotRequested_NotReturned()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());

        var result = _protector.Unseal(_protector.Seal(claims, CredentialTestData.Secret()), claims.AccessKeyId);

        Assert.True(result.Succeeded);
        Assert.Null(result.SecretAccessKey);
    }

    [Fact]
    public void Seal_Token_IsCompactBase64Url()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());

        var token = _protector.Seal(claims, CredentialTestData.Secret());

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.InRange(token.Length, 100, 1000);
    }

    [Fact]
    public void Seal_SameClaimsTwice_DifferentTokens()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());

        Assert.NotEqual(_protector.Seal(claims, CredentialTestData.Secret()), _protector.Seal(claims, CredentialTestData.Secret()));
    }

    [Fact]
    public void Unseal_AnyByteTampered_InvalidClientTokenId()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var bytes = Base64Url.DecodeFromChars(_protector.Seal(claims, CredentialTestData.Secret()));

        for (var i = 0; i < bytes.Length; i++)
        {
            foreach (var flip in new byte[] { 0x01, 0x80 })
            {
                var tampered = (byte[])bytes.Clone();
                tampered[i] ^= flip;

                var result = _protector.Unseal(Base64Url.EncodeToString(tampered), claims.AccessKeyId);

                Assert.False(result.Succeeded, $"byte {i} xor {flip:x2} was accepted");
                Assert.Equal(CredentialErrorCode.InvalidClientTokenId, result.Error!.Code);
                Assert.Null(result.Claims);
            }
        }
    }

    [Fact]
    public void Unseal_AnyCharacterReplaced_InvalidClientTokenId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());

        for (var i = 0; i < token.Length; i++)
        {
            var chars = token.ToCharArray();
            chars[i] = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];

            var result = _protector.Unseal(new string(chars), claims.AccessKeyId);

            Assert.False(result.Succeeded, $"character {i} replaced was accepted");
            Assert.Equal(CredentialErrorCode.InvalidClientTokenId, result.Error!.Code);
        }
    }

    [Fact]
    public void Unseal_PaddedToken_InvalidClientTokenId()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());

        var standardAlphabet = "+/" + token[2..];

        Assert.False(_protector.Unseal(token + "=", claims.AccessKeyId).Succeeded);
        Assert.False(_protector.Unseal(token + "==", claims.AccessKeyId).Succeeded);
        Assert.False(_protector.Unseal(standardAlphabet, claims.AccessKeyId).Succeeded);
    }

    [Fact]
    public void Unseal_TruncatedOrExtended_InvalidClientTokenId()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(token.AsSpan(0, token.Length - 1), claims.AccessKeyId).Error!.Code);
        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(token.AsSpan(0, token.Length - 4), claims.AccessKeyId).Error!.Code);
        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(token + "AAAA", claims.AccessKeyId).Error!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token at all!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Unseal_Garbage_InvalidClientTokenId(string token) =>
        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(token, "ASIAABCDEFGHIJKLMNOP").Error!.Code);

    [Fact]
    public void Unseal_HugeToken_RejectedWithoutDecoding() =>
        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(new string('A', 100_000), "ASIAABCDEFGHIJKLMNOP").Error!.Code);

    [Theory]
    [InlineData("ASIAABCDEFGHIJKLMNOQ")]
    [InlineData("asiaabcdefghijklmnop")]
    [InlineData("ASIAABCDEFGHIJKLMNO")]
    [InlineData("")]
    public void Unseal_OtherAccessKeyId_InvalidClientTokenId(string accessKeyId)
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(token, accessKeyId).Error!.Code);
    }

    [Fact]
    public void Unseal_OtherInstancesKey_InvalidClientTokenId()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());
        var stranger = new SessionTokenProtector(new TokenKeyRingHolder(TokenKeyRing.CreateNew(new SeededRandomSource(99), CredentialTestData.Start)), _time);

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, stranger.Unseal(token, claims.AccessKeyId).Error!.Code);
    }

    [Fact]
    public void Unseal_SameKeyIdDifferentMaterial_InvalidClientTokenId()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());
        var impostorKey = new TokenKey(_ring.Current.ActiveKey.KeyId, new byte[TokenKey.KeySizeBytes], CredentialTestData.Start);
        var impostor = new SessionTokenProtector(new TokenKeyRingHolder(new TokenKeyRing([impostorKey], impostorKey.KeyId)), _time);

        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, impostor.Unseal(token, claims.AccessKeyId).Error!.Code);
    }

    [Fact]
    public void Unseal_AtAndAfterExpiry_ExpiredTokenWithClaims()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow(), TimeSpan.FromHours(4));
        var token = _protector.Seal(claims, CredentialTestData.Secret());

        _time.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMilliseconds(1));
        var justBefore = _protector.Unseal(token, claims.AccessKeyId);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var atExpiry = _protector.Unseal(token, claims.AccessKeyId);
        _time.Advance(TimeSpan.FromDays(3));
        var later = _protector.Unseal(token, claims.AccessKeyId);

        Assert.True(justBefore.Succeeded);
        Assert.Equal(CredentialErrorCode.ExpiredToken, atExpiry.Error!.Code);
        Assert.Equal("alice@example.com", atExpiry.Claims!.UserName);
        Assert.Equal(CredentialErrorCode.ExpiredToken, later.Error!.Code);
    }

    [Fact]
    public void Rotate_OldTokensKeepVerifyingNewTokensUseNewKey()
    {
        var random = new SeededRandomSource(12);
        var oldClaims = CredentialTestData.Claims(_time.GetUtcNow(), TimeSpan.FromHours(12));
        var oldToken = _protector.Seal(oldClaims, CredentialTestData.Secret());
        var oldKeyId = _ring.Current.ActiveKey.KeyId;

        _time.Advance(TimeSpan.FromMinutes(10));
        _ring.Replace(_ring.Current.Rotate(random, _time.GetUtcNow()));
        var newClaims = CredentialTestData.Claims(_time.GetUtcNow(), accessKeyId: "ASIAZZZZZZZZZZZZZZZZ");
        var newToken = _protector.Seal(newClaims, CredentialTestData.Secret());

        Assert.NotEqual(oldKeyId, _ring.Current.ActiveKey.KeyId);
        Assert.Equal(2, _ring.Current.Keys.Count);
        Assert.Equal(_time.GetUtcNow(), _ring.Current.Keys.Single(k => k.KeyId == oldKeyId).RetiredAt);
        Assert.True(_protector.Unseal(oldToken, oldClaims.AccessKeyId).Succeeded);
        Assert.True(_protector.Unseal(newToken, newClaims.AccessKeyId).Succeeded);
        var onlyOldRing = new SessionTokenProtector(new TokenKeyRingHolder(TokenKeyRing.CreateNew(random, _time.GetUtcNow())), _time);
        Assert.False(onlyOldRing.Unseal(newToken, newClaims.AccessKeyId).Succeeded);
    }

    [Fact]
    public void PublishNext_OpensButDoesNotSealUntilPromoted()
    {
        var random = new SeededRandomSource(14);
        var activeKeyId = _ring.Current.ActiveKey.KeyId;
        var published = _ring.Current.PublishNext(random, _time.GetUtcNow());

        // Another instance that loaded the published ring, then the first one promotes and seals.
        var other = new SessionTokenProtector(new TokenKeyRingHolder(published), _time);
        _time.Advance(TimeSpan.FromMinutes(5));
        var promoted = published.PromoteNext(_time.GetUtcNow());
        _ring.Replace(promoted);
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());

        Assert.Equal(activeKeyId, published.ActiveKey.KeyId);
        Assert.Same(published, published.PublishNext(random, _time.GetUtcNow()));
        Assert.Equal(published.NextKey!.KeyId, promoted.ActiveKey.KeyId);
        Assert.Null(promoted.NextKey);
        Assert.Equal(_time.GetUtcNow(), promoted.Keys.Single(k => k.KeyId == activeKeyId).RetiredAt);
        Assert.True(other.Unseal(token, claims.AccessKeyId).Succeeded);
    }

    [Fact]
    public void Rotate_WithPublishedNextKey_FreshKeySealsAndTheNextKeyIsRetired()
    {
        var random = new SeededRandomSource(15);
        var published = _ring.Current.PublishNext(random, _time.GetUtcNow());

        var rotated = published.Rotate(random, _time.GetUtcNow());

        Assert.DoesNotContain(rotated.ActiveKey.KeyId, published.Keys.Select(k => k.KeyId));
        Assert.Null(rotated.NextKey);
        Assert.All(rotated.Keys.Where(k => k != rotated.ActiveKey), k => Assert.Equal(_time.GetUtcNow(), k.RetiredAt));
    }

    [Fact]
    public void Prune_RetiredKeyKeptUntilItsTokensExpireThenDropped()
    {
        var random = new SeededRandomSource(13);
        var claims = CredentialTestData.Claims(_time.GetUtcNow(), TimeSpan.FromHours(12));
        var token = _protector.Seal(claims, CredentialTestData.Secret());
        _ring.Replace(_ring.Current.Rotate(random, _time.GetUtcNow()));

        _time.Advance(TimeSpan.FromHours(11));
        _ring.Replace(_ring.Current.Prune(_time.GetUtcNow()));
        var stillThere = _ring.Current.Keys.Count;
        var beforeExpiry = _protector.Unseal(token, claims.AccessKeyId);
        _time.Advance(TimeSpan.FromHours(1));
        _ring.Replace(_ring.Current.Prune(_time.GetUtcNow()));

        Assert.Equal(2, stillThere);
        Assert.True(beforeExpiry.Succeeded);
        Assert.Single(_ring.Current.Keys);
        Assert.Equal(CredentialErrorCode.InvalidClientTokenId, _protector.Unseal(token, claims.AccessKeyId).Error!.Code);
    }

    [Fact]
    public void KeyRing_PersistedAndRestored_OpensExistingTokens()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow());
        var token = _protector.Seal(claims, CredentialTestData.Secret());
        var stored = _ring.Current.Keys.Select(k => (k.KeyId, Material: k.Material.ToArray(), k.CreatedAt, k.RetiredAt)).ToList();

        var restored = new TokenKeyRing(stored.Select(k => new TokenKey(k.KeyId, k.Material, k.CreatedAt, k.RetiredAt)), _ring.Current.ActiveKey.KeyId);
        var afterRestart = new SessionTokenProtector(new TokenKeyRingHolder(restored), _time);

        Assert.True(afterRestart.Unseal(token, claims.AccessKeyId).Succeeded);
    }

    [Fact]
    public void Seal_NoTagsNoGrants_RoundTrips()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow()) with
        {
            PrincipalTags = new Dictionary<string, string>(),
            OrganizationId = null,
            OrganizationPaths = [],
            GrantingPrincipalIds = [],
            MfaPresent = false,
            UserName = "Zoë Ünïcode",
        };

        var result = _protector.Unseal(_protector.Seal(claims, CredentialTestData.Secret()), claims.AccessKeyId);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Claims!.PrincipalTags);
        Assert.Empty(result.Claims.GrantingPrincipalIds);
        Assert.Null(result.Claims.OrganizationId);
        Assert.Empty(result.Claims.OrganizationPaths);
        Assert.False(result.Claims.MfaPresent);
        Assert.Equal("Zoë Ünïcode", result.Claims.UserName);
    }

    [Fact]
    public void Seal_ClaimsTooLargeForAToken_ThrowsInsteadOfMintingAnUnusableToken()
    {
        var tags = Enumerable.Range(0, 50).ToDictionary(i => $"key{i}", _ => new string('v', 256));
        var claims = CredentialTestData.Claims(_time.GetUtcNow()) with { PrincipalTags = tags };

        var error = Assert.Throws<ArgumentException>(() => _protector.Seal(claims, CredentialTestData.Secret()));

        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_ExpiryNotAfterIssue_Throws()
    {
        var claims = CredentialTestData.Claims(_time.GetUtcNow(), TimeSpan.Zero);

        Assert.Throws<ArgumentException>(() => _protector.Seal(claims, CredentialTestData.Secret()));
    }
}
