using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IdentityCenter.Infrastructure.Configuration;

namespace IdentityCenter.Infrastructure.Security.KeyRing;

/// <summary>
/// The key-encryption key: 256 random bits kept in a file outside the database (owner-only), which
/// encrypts the Data Protection key ring stored in the database with AES-256-GCM. Its <see cref="Id"/>
/// (a keyed hash, not the key) is written beside everything it encrypts, so a wrong key file is named
/// before anything is decrypted, and the authentication tag refuses a damaged or swapped ciphertext.
/// </summary>
public sealed class KeyEncryptionKey : IDisposable
{
    public const int SizeInBytes = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string Format = "identitycenter-kek-v1:";
    private static readonly byte[] IdLabel = Encoding.ASCII.GetBytes("IdentityCenter key-encryption key id v1");

    private readonly byte[] _material;

    private KeyEncryptionKey(byte[] material)
    {
        _material = material;
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(material, IdLabel), 0, 8);
    }

    /// <summary>16 hex digits derived from the key; safe to show and store.</summary>
    public string Id { get; }

    public static KeyEncryptionKey Generate() => new(RandomNumberGenerator.GetBytes(SizeInBytes));

    /// <summary>Null when <paramref name="path"/> holds a key file; otherwise what is wrong with it, phrased to follow the path.</summary>
    public static string? TryRead(string path, out KeyEncryptionKey? key)
    {
        key = null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return "does not exist.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read ({ex.Message}). Give the user running IdentityCenter read access to it (and nobody else).";
        }

        var line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        byte[]? material = null;
        if (line is not null && line.StartsWith(Format, StringComparison.Ordinal))
        {
            material = new byte[SizeInBytes];
            if (!Convert.TryFromBase64String(line[Format.Length..], material, out var written) || written != SizeInBytes)
            {
                material = null;
            }
        }

        if (material is null)
        {
            return $"is not an IdentityCenter key file (expected a line '{Format}' followed by {SizeInBytes} bytes in base64). Restore the file from the data directory it came from or from its backup.";
        }

        key = new KeyEncryptionKey(material);
        return null;
    }

    /// <summary>
    /// Writes the key to <paramref name="path"/> as a new owner-only (0600) file. The file appears
    /// complete or not at all (written beside it, then renamed); false when a file is there already.
    /// </summary>
    public bool TryCreateFile(string path)
    {
        var temporary = $"{path}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.tmp";
        File.Delete(temporary);
        using (var stream = new FileStream(temporary, OwnerOnly.NewFile()))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            writer.Write(
                "# IdentityCenter key-encryption key (id " + Id + ").\n"
                + "# It encrypts the Data Protection key ring in the database, which protects sign-in cookies,\n"
                + "# authenticator app secrets and session-token keys: without this file that database cannot be used.\n"
                + "# Keep it readable by the owner only, back it up apart from the database, and give every\n"
                + "# instance that shares the database the same file.\n"
                + Format + Convert.ToBase64String(_material) + "\n");
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>: nonce, ciphertext and tag in one array.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_material, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associatedData);
        return output;
    }

    /// <summary>Decrypts what <see cref="Seal"/> made; <see cref="CryptographicException"/> when it was changed or sealed with another key.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedData, ReadOnlySpan<byte> associatedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted key is truncated.");
        }

        var length = sealedData.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(_material, TagSize);
        aes.Decrypt(sealedData[..NonceSize], sealedData.Slice(NonceSize, length), sealedData[(NonceSize + length)..], plaintext, associatedData);
        return plaintext;
    }

    public void Dispose() => CryptographicOperations.ZeroMemory(_material);
}
