using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IdentityCenter.Core.Credentials;

/// <summary>
/// Seals session claims into a compact, self-contained token and opens it again without any store:
/// AES-256-GCM (BCL) over a small binary payload, base64url without padding. The header (format
/// version and key id) and the access key id are authenticated as associated data, so a token only
/// opens with the access key id it was issued with and any changed byte is rejected.
/// Layout: <c>version(1) | keyIdLength(1) | keyId | nonce(12) | ciphertext | tag(16)</c>.
/// <para>Tokens that opened are remembered (<paramref name="cachedTokens"/> at most, by their exact text; 0 turns this off),
/// so the same credentials presented again are not decrypted again: a remembered token is still checked against the access
/// key id it is presented with, its expiry and the key ring (a key pruned from the ring opens nothing, remembered or not) at
/// every use. Failures are never remembered. Revocation is checked after this, on every request, by
/// <see cref="SessionCredentialValidator"/>.</para>
/// </summary>
public sealed class SessionTokenProtector(ITokenKeyRingProvider keyRing, TimeProvider timeProvider, int cachedTokens = SessionTokenProtector.DefaultCachedTokens)
{
    /// <summary>How many opened tokens are remembered by default (about 10 KB each at most: claims, secret and token text).</summary>
    public const int DefaultCachedTokens = 10_000;

    public const int TagSize = 16;
    public const int NonceSize = 12;
    public const int MaxTokenLength = 8192;
    // 2: the organization id and paths are fields of their own (1 carried them as tags).
    private const byte FormatVersion = 2;
    private const int StackLimit = 1024;

    private readonly UnsealedTokenCache? _cache = cachedTokens > 0 ? new UnsealedTokenCache(Math.Max(cachedTokens, 2)) : null;

    /// <summary>Seals <paramref name="claims"/> and the secret access key bytes bound to them.</summary>
    public string Seal(SessionClaims claims, ReadOnlySpan<byte> secretAccessKey)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (secretAccessKey.Length != AccessKeys.SecretAccessKeyBytes)
        {
            throw new ArgumentException($"A secret access key is {AccessKeys.SecretAccessKeyBytes} bytes.", nameof(secretAccessKey));
        }

        if (!AccessKeys.IsTemporaryAccessKeyId(claims.AccessKeyId))
        {
            throw new ArgumentException($"'{claims.AccessKeyId}' is not a temporary access key id (ASIA + 16 of A-Z2-7).", nameof(claims));
        }

        if (claims.ExpiresAt <= claims.IssuedAt)
        {
            throw new ArgumentException("A token must expire after it is issued.", nameof(claims));
        }

        var key = keyRing.Current.ActiveKey;
        var payloadLength = SessionPayload.GetLength(claims);
        var headerLength = 2 + key.KeyIdBytes.Length;
        var totalLength = headerLength + NonceSize + payloadLength + TagSize;
        if (Base64Url.GetEncodedLength(totalLength) > MaxTokenLength)
        {
            throw new ArgumentException($"The claims make a token longer than {MaxTokenLength} characters; send fewer or shorter principal tags.", nameof(claims));
        }

        var rented = ArrayPool<byte>.Shared.Rent(totalLength + payloadLength);
        try
        {
            var token = rented.AsSpan(0, totalLength);
            var plaintext = rented.AsSpan(totalLength, payloadLength);
            token[0] = FormatVersion;
            token[1] = (byte)key.KeyIdBytes.Length;
            key.KeyIdBytes.CopyTo(token[2..]);
            var nonce = token.Slice(headerLength, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            SessionPayload.Write(claims, secretAccessKey, plaintext);

            Span<byte> aad = stackalloc byte[2 + TokenKey.MaxKeyIdLength + AccessKeys.AccessKeyIdLength];
            var aadLength = BuildAssociatedData(token[..headerLength], claims.AccessKeyId, aad);
            var aes = key.Rent();
            try
            {
                aes.Encrypt(
                    nonce,
                    plaintext,
                    token.Slice(headerLength + NonceSize, payloadLength),
                    token.Slice(headerLength + NonceSize + payloadLength, TagSize),
                    aad[..aadLength]);
            }
            finally
            {
                key.Return(aes);
            }

            return Base64Url.EncodeToString(token);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(totalLength, payloadLength));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Opens a token presented with <paramref name="accessKeyId"/>. Any malformed, tampered or
    /// foreign token (or another access key id) gives <see cref="CredentialErrorCode.InvalidClientTokenId"/>;
    /// an authentic token past its expiry gives <see cref="CredentialErrorCode.ExpiredToken"/>.
    /// Revocation is checked separately against a <see cref="RevocationSnapshot"/>.
    /// </summary>
    public TokenUnsealResult Unseal(ReadOnlySpan<char> sessionToken, ReadOnlySpan<char> accessKeyId, bool includeSecretAccessKey = false)
    {
        if (_cache?.Find(sessionToken) is { } known
            && accessKeyId.SequenceEqual(known.Claims.AccessKeyId)
            && known.IsUsable(keyRing.Current))
        {
            return timeProvider.GetUtcNow() >= known.Claims.ExpiresAt
                ? TokenUnsealResult.Failure(CredentialError.Expired, known.Claims)
                : includeSecretAccessKey ? known.WithSecret : known.WithoutSecret;
        }

        if (sessionToken.Length is < 8 or > MaxTokenLength || accessKeyId.Length != AccessKeys.AccessKeyIdLength)
        {
            return TokenUnsealResult.Failure(CredentialError.Invalid);
        }

        if (!IsCanonicalBase64Url(sessionToken))
        {
            return TokenUnsealResult.Failure(CredentialError.Invalid);
        }

        var maxBytes = Base64Url.GetMaxDecodedLength(sessionToken.Length);
        byte[]? rented = null;
        var buffer = maxBytes * 2 <= StackLimit
            ? stackalloc byte[maxBytes * 2]
            : (rented = ArrayPool<byte>.Shared.Rent(maxBytes * 2));
        try
        {
            var status = Base64Url.DecodeFromChars(sessionToken, buffer[..maxBytes], out var consumed, out var written);
            if (status != OperationStatus.Done || consumed != sessionToken.Length)
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }

            var token = buffer[..written];
            if (token.Length < 2 || token[0] != FormatVersion)
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }

            var headerLength = 2 + token[1];
            var payloadLength = token.Length - headerLength - NonceSize - TagSize;
            if (token[1] is 0 or > TokenKey.MaxKeyIdLength || payloadLength < SessionPayload.MinLength)
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }

            var key = keyRing.Current.Find(token[2..headerLength]);
            if (key is null)
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }

            Span<byte> aad = stackalloc byte[2 + TokenKey.MaxKeyIdLength + AccessKeys.AccessKeyIdLength];
            if (!TryBuildAssociatedData(token[..headerLength], accessKeyId, aad, out var aadLength))
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }

            var plaintext = buffer.Slice(maxBytes, payloadLength);
            var aes = key.Rent();
            try
            {
                aes.Decrypt(
                    token.Slice(headerLength, NonceSize),
                    token.Slice(headerLength + NonceSize, payloadLength),
                    token.Slice(headerLength + NonceSize + payloadLength, TagSize),
                    plaintext,
                    aad[..aadLength]);
            }
            catch (AuthenticationTagMismatchException)
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }
            finally
            {
                key.Return(aes);
            }

            if (!SessionPayload.TryRead(plaintext, accessKeyId, includeSecretAccessKey || _cache is not null, out var claims, out var secret))
            {
                return TokenUnsealResult.Failure(CredentialError.Invalid);
            }

            if (timeProvider.GetUtcNow() >= claims.ExpiresAt)
            {
                return TokenUnsealResult.Failure(CredentialError.Expired, claims);
            }

            if (_cache is null)
            {
                return TokenUnsealResult.Success(claims, secret);
            }

            var withSecret = TokenUnsealResult.Success(claims, secret);
            var withoutSecret = TokenUnsealResult.Success(claims, null);
            _cache.Add(new UnsealedTokenCache.Entry(sessionToken.ToString(), key, withSecret, withoutSecret));
            return includeSecretAccessKey ? withSecret : withoutSecret;
        }
        finally
        {
            // The plaintext holds the secret access key: never leave it in a stack or pooled buffer.
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Only the exact encoding <see cref="Seal"/> produces is accepted: no padding, no characters outside
    /// the base64url alphabet, and zero unused bits in the last character, so every character of a token
    /// matters (changing any one of them is rejected even before decryption).
    /// </summary>
    private static bool IsCanonicalBase64Url(ReadOnlySpan<char> token)
    {
        if (token.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        var last = token[^1];
        var value = last switch
        {
            >= 'A' and <= 'Z' => last - 'A',
            >= 'a' and <= 'z' => last - 'a' + 26,
            >= '0' and <= '9' => last - '0' + 52,
            '-' => 62,
            _ => 63,
        };
        return (token.Length % 4) switch
        {
            2 => (value & 0x0F) == 0,
            3 => (value & 0x03) == 0,
            _ => true,
        };
    }

    private static int BuildAssociatedData(ReadOnlySpan<byte> header, string accessKeyId, Span<byte> destination) =>
        TryBuildAssociatedData(header, accessKeyId, destination, out var length)
            ? length
            : throw new ArgumentException("The access key id must be ASCII.", nameof(accessKeyId));

    private static bool TryBuildAssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<char> accessKeyId, Span<byte> destination, out int length)
    {
        header.CopyTo(destination);
        length = header.Length;
        if (accessKeyId.ContainsAnyExceptInRange((char)0x21, (char)0x7E))
        {
            return false;
        }

        length += Encoding.ASCII.GetBytes(accessKeyId, destination[header.Length..]);
        return true;
    }
}
