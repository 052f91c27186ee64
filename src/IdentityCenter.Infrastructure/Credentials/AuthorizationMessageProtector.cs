using System.Buffers.Binary;
using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Core.Policies.Evaluation;
using Microsoft.AspNetCore.DataProtection;

namespace IdentityCenter.Infrastructure.Credentials;

/// <summary>The outcome of opening an encoded authorization message: the decoded JSON, or why it cannot be decoded.</summary>
public sealed record AuthorizationMessageOpened(string? DecodedMessage, string? Error)
{
    public bool Succeeded => DecodedMessage is not null;
}

/// <summary>
/// Seals the decoded-message JSON of a denied decision into the opaque <c>encodedAuthorizationMessage</c> that
/// <c>/api/authorize</c> returns, and opens it again for STS <c>DecodeAuthorizationMessage</c>. ASP.NET Data
/// Protection (authenticated encryption, keys in the database, so any instance opens what another sealed) with
/// a purpose of its own and the account as a sub-purpose: a message opens only for principals of the account
/// whose request it describes. Inside: format version, expiry (<see cref="Lifetime"/>, checked against the
/// server clock) and the Deflate-compressed JSON; outside: base64url, at most <see cref="MaxEncodedLength"/>
/// characters (STS's limit), written with less detail when the full message would be longer.
/// </summary>
public sealed class AuthorizationMessageProtector(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string Purpose = "IdentityCenter.Sts.AuthorizationMessage.v1";

    /// <summary>STS's <c>encodedMessageType</c> allows 1-10,240 characters.</summary>
    public const int MaxEncodedLength = 10240;

    /// <summary>How long a message can be decoded (AWS states none; 12 hours is the longest session a denial can come from).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + sizeof(long);

    // Only sealed messages get here, so this only bounds a defect, never an attacker's input.
    private const int MaxDecodedBytes = 1 << 20;

    private static readonly AuthorizationMessageDetail[] Details = [AuthorizationMessageDetail.Full, AuthorizationMessageDetail.Compact, AuthorizationMessageDetail.Minimal];

    /// <summary>The encoded message for <paramref name="message"/>, the decision of a principal in <paramref name="accountId"/>.</summary>
    public string Seal(string accountId, AuthorizationMessage message)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(message);
        var protector = dataProtection.CreateProtector(Purpose, accountId);
        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        string encoded = string.Empty;
        foreach (var detail in Details)
        {
            encoded = Base64Url.EncodeToString(protector.Protect(Pack(AuthorizationMessageJson.Write(message, detail), expires)));
            if (encoded.Length <= MaxEncodedLength)
            {
                break;
            }
        }

        return encoded;
    }

    /// <summary>
    /// Opens an encoded message for a principal of <paramref name="accountId"/>. A malformed, tampered or expired
    /// message, or one about another account's request, gives an error (STS: <c>InvalidAuthorizationMessageException</c>).
    /// </summary>
    public AuthorizationMessageOpened Open(string accountId, string? encoded)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        const string invalid = "The encoded authorization message is not valid: it is malformed, was changed, or describes a request of another account.";
        if (string.IsNullOrEmpty(encoded) || encoded.Length > MaxEncodedLength || !Base64Url.IsValid(encoded))
        {
            return new AuthorizationMessageOpened(null, invalid);
        }

        byte[] packed;
        try
        {
            packed = dataProtection.CreateProtector(Purpose, accountId).Unprotect(Base64Url.DecodeFromChars(encoded));
        }
        catch (CryptographicException)
        {
            return new AuthorizationMessageOpened(null, invalid);
        }

        if (packed.Length <= HeaderLength || packed[0] != FormatVersion)
        {
            return new AuthorizationMessageOpened(null, invalid);
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() >= BinaryPrimitives.ReadInt64BigEndian(packed.AsSpan(1)))
        {
            return new AuthorizationMessageOpened(null, $"The encoded authorization message has expired (messages can be decoded for {Lifetime.TotalHours:0} hours).");
        }

        try
        {
            return new AuthorizationMessageOpened(Unpack(packed), null);
        }
        catch (InvalidDataException)
        {
            return new AuthorizationMessageOpened(null, invalid);
        }
    }

    private static byte[] Pack(string json, long expires)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(FormatVersion);
        Span<byte> expiry = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(expiry, expires);
        buffer.Write(expiry);
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }

    private static string Unpack(byte[] packed)
    {
        using var deflate = new DeflateStream(new MemoryStream(packed, HeaderLength, packed.Length - HeaderLength), CompressionMode.Decompress);
        using var json = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = deflate.Read(chunk)) > 0)
        {
            if (json.Length + read > MaxDecodedBytes)
            {
                throw new InvalidDataException("The decoded message is too large.");
            }

            json.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length);
    }
}
