using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Security.KeyRing;

/// <summary>Encrypts each new Data Protection key with the key file's key before it is stored in the database.</summary>
public sealed class KeyEncryptionKeyXmlEncryptor(KeyEncryptionKeyFile keyFile) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(SealedKeyElement.Seal(keyFile.GetOrCreate(out _), plaintextElement), typeof(KeyEncryptionKeyXmlDecryptor));
}

/// <summary>
/// Decrypts what <see cref="KeyEncryptionKeyXmlEncryptor"/> encrypted. Data Protection creates it by type
/// name with the application's services.
/// </summary>
public sealed class KeyEncryptionKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        SealedKeyElement.Open(services.GetRequiredService<KeyEncryptionKeyFile>(), encryptedElement);
}

/// <summary>
/// The stored form of an encrypted key: <c>&lt;sealedKey keyFileId="…" algorithm="AES-256-GCM"&gt;base64&lt;/sealedKey&gt;</c>
/// (nonce, ciphertext, tag). The key file id is also authenticated data, so it cannot be swapped.
/// </summary>
public static class SealedKeyElement
{
    public static readonly XName Name = XName.Get("sealedKey", "urn:identitycenter:keyring:v1");
    private const string KeyFileIdAttribute = "keyFileId";
    private const string Algorithm = "AES-256-GCM";

    public static XElement Seal(KeyEncryptionKey key, XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            return new XElement(
                Name,
                new XAttribute(KeyFileIdAttribute, key.Id),
                new XAttribute("algorithm", Algorithm),
                Convert.ToBase64String(key.Seal(plaintext, AssociatedData(key.Id))));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The id of the key file an element was sealed with; null when it is not a sealed key.</summary>
    public static string? KeyFileId(XElement element) =>
        element?.Name == Name ? (string?)element.Attribute(KeyFileIdAttribute) : null;

    public static XElement Open(KeyEncryptionKeyFile keyFile, XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        var sealedWith = KeyFileId(encryptedElement)
            ?? throw new CryptographicException($"The element {encryptedElement?.Name} is not a key sealed by IdentityCenter's key file.");
        var key = keyFile.Get();
        if (!string.Equals(sealedWith, key.Id, StringComparison.Ordinal))
        {
            throw new CryptographicException($"This Data Protection key was encrypted with the key file {sealedWith}, but '{keyFile.Path}' holds key file {key.Id}.");
        }

        byte[] plaintext;
        try
        {
            plaintext = key.Open(Convert.FromBase64String(encryptedElement!.Value), AssociatedData(key.Id));
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The encrypted Data Protection key is damaged (not base64).", ex);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(string keyFileId) => Encoding.ASCII.GetBytes("IdentityCenter key ring v1/" + keyFileId);
}
