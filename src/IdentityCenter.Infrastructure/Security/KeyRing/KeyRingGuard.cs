using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using System.Xml.Linq;
using IdentityCenter.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Internal;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Security.KeyRing;

/// <summary>What the start-up check of the key ring found (<see cref="Problems"/>: why it cannot be used) and did (<see cref="Actions"/>).</summary>
public sealed record KeyRingCheck(IReadOnlyList<string> Problems, IReadOnlyList<string> Actions, string KeyFilePath, bool UsesCertificate, int DiscardedKeys = 0)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Runs at start-up, after migrations and before anything uses Data Protection, and makes sure every
/// key of the ring in the database can be opened with this instance's protection (the key file, or the
/// configured certificate):
/// <list type="bullet">
/// <item>A missing key file is created only when no key in the database was encrypted with one; a
/// database that came without its key file (a copy, a backup, another instance) stops start-up, naming
/// the file that is missing or the key file id the ring needs.</item>
/// <item>Keys stored unencrypted (databases from before the key file) or under another protection this
/// instance can still open are encrypted again with the configured one, in one transaction.</item>
/// <item>With <c>discardUnreadable</c> (the <c>--reset-key-ring</c> start), keys that cannot be opened
/// are deleted together with everything they sealed (<see cref="IKeyRingSealedData"/>), so no cookie,
/// authenticator secret or session token sealed with them is accepted again.</item>
/// </list>
/// </summary>
public sealed class KeyRingGuard(
    IDbContextFactory<IdentityCenterDbContext> contexts,
    KeyEncryptionKeyFile keyFile,
    IOptions<KeyManagementOptions> keyManagement,
    IActivator activator,
    IEnumerable<IKeyRingSealedData> sealedData,
    TimeProvider time,
    ILogger<KeyRingGuard> logger) : IDisposable
{
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtectionNamespace + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtectionNamespace + "requiresEncryption";
    private static readonly XNamespace XmlDsig = "http://www.w3.org/2000/09/xmldsig#";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private KeyRingCheck? _passed;

    /// <summary>The last check that passed (null until one has).</summary>
    public KeyRingCheck? Passed => _passed;

    public void Dispose() => _gate.Dispose();

    /// <summary>Runs <see cref="CheckAsync"/> unless it passed already; throws, listing the problems, when the ring cannot be used.</summary>
    public async Task EnsureCheckedAsync(CancellationToken cancellationToken = default)
    {
        if (_passed is not null)
        {
            return;
        }

        var check = await CheckAsync(discardUnreadable: false, cancellationToken);
        if (!check.Succeeded)
        {
            throw new InvalidOperationException("The Data Protection key ring in the database cannot be opened: " + string.Join(" ", check.Problems));
        }
    }

    public async Task<KeyRingCheck> CheckAsync(bool discardUnreadable, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var check = await RunAsync(discardUnreadable, cancellationToken);
            if (check.Succeeded)
            {
                _passed = check;
            }

            return check;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<KeyRingCheck> RunAsync(bool discardUnreadable, CancellationToken cancellationToken)
    {
        var encryptor = keyManagement.Value.XmlEncryptor;
        var usesKeyFile = encryptor is KeyEncryptionKeyXmlEncryptor;
        var path = keyFile.Path;
        var actions = new List<string>();
        if (encryptor is null)
        {
            return new(["No protection is configured for the key ring (neither the key file nor a certificate)."], actions, path, UsesCertificate: false);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var keys = new List<(DataProtectionKey Row, XElement Element)>();
        foreach (var row in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            if (TryParse(row.Xml) is { Name.LocalName: "key" } element)
            {
                keys.Add((row, element));
            }
        }

        KeyEncryptionKey? kek = null;
        try
        {
            var sealedWithFile = keys.Any(k => k.Element.Descendants(SealedKeyElement.Name).Any());
            if (keyFile.Exists)
            {
                kek = keyFile.Get();
            }
            else if (usesKeyFile && (!sealedWithFile || discardUnreadable))
            {
                kek = keyFile.GetOrCreate(out var created);
                if (created)
                {
                    actions.Add($"Created the key file '{path}' (id {kek.Id}): back it up apart from the database.");
                }
            }
        }
        catch (CryptographicException ex)
        {
            return new([ex.Message], actions, path, !usesKeyFile);
        }

        var unreadable = new List<(DataProtectionKey Row, Guid? KeyId, string Reason)>();
        var reprotected = 0;
        foreach (var (row, element) in keys)
        {
            var (opened, reason, asConfigured) = Open(element, kek, usesKeyFile, path);
            if (opened is null)
            {
                unreadable.Add((row, Guid.TryParse((string?)element.Attribute("id"), out var id) ? id : (Guid?)null, reason!));
            }
            else if (!asConfigured)
            {
                row.Xml = Encrypt(opened, encryptor).ToString(SaveOptions.DisableFormatting);
                reprotected++;
            }
        }

        var protection = usesKeyFile ? $"the key file '{path}'" : "the configured certificate";
        if (reprotected > 0)
        {
            actions.Add($"Encrypted {reprotected} Data Protection key(s) that were stored unencrypted (or under another protection) in the database with {protection}.");
        }

        var problems = unreadable.GroupBy(u => u.Reason).Select(g => $"{Count(g.Count(), "key")} of the key ring {(g.Count() == 1 ? "is" : "are")} {g.Key}.").ToList();
        if (problems.Count > 0 && !discardUnreadable)
        {
            return new(problems, [], path, !usesKeyFile);
        }

        if (unreadable.Count > 0)
        {
            var now = time.GetUtcNow();
            var discardedIds = unreadable.Where(u => u.KeyId is not null).Select(u => u.KeyId!.Value).ToHashSet();
            db.DataProtectionKeys.RemoveRange(unreadable.Select(u => u.Row));
            var lost = new List<string> { $"{Count(unreadable.Count, "Data Protection key")} that could not be opened" };
            foreach (var data in sealedData)
            {
                lost.Add($"{await data.DiscardAsync(db, discardedIds, now, cancellationToken)} {data.Description}");
            }

            actions.Add("Discarded " + string.Join("; ", lost) + ".");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var action in actions)
        {
            logger.LogWarning("Key ring: {Action}", action);
        }

        return new([], actions, path, !usesKeyFile, unreadable.Count);
    }

    /// <summary>
    /// The key element with every encrypted part decrypted, or null and why not; and whether it was
    /// protected the configured way already (then it is left as it is).
    /// </summary>
    private (XElement? Opened, string? Reason, bool AsConfigured) Open(XElement element, KeyEncryptionKey? kek, bool usesKeyFile, string path)
    {
        var document = new XDocument(new XElement(element));
        var secrets = document.Descendants(EncryptedSecret).ToList();
        if (secrets.Count == 0)
        {
            return (document.Root, null, !document.Descendants().Any(e => (bool?)e.Attribute(RequiresEncryption) == true));
        }

        var asConfigured = true;
        foreach (var secret in secrets)
        {
            if (secret.Elements().SingleOrDefault() is not { } inner)
            {
                return (null, "damaged (an empty encrypted secret)", false);
            }

            if (SealedKeyElement.KeyFileId(inner) is { } fileId)
            {
                if (kek is null)
                {
                    return (null, $"encrypted with key file {fileId}, but '{path}' does not exist", false);
                }

                if (!string.Equals(fileId, kek.Id, StringComparison.Ordinal))
                {
                    return (null, $"encrypted with key file {fileId}, but '{path}' holds key file {kek.Id}", false);
                }

                try
                {
                    secret.ReplaceWith(SealedKeyElement.Open(keyFile, inner));
                }
                catch (CryptographicException)
                {
                    return (null, $"encrypted with key file {fileId}, but decrypting failed (the stored key is damaged)", false);
                }

                asConfigured &= usesKeyFile;
                continue;
            }

            var decryptorType = (string?)secret.Attribute("decryptorType") ?? "";
            var isCertificate = decryptorType.StartsWith(typeof(EncryptedXmlDecryptor).FullName + ",", StringComparison.Ordinal);
            try
            {
                var decryptor = (IXmlDecryptor)activator.CreateInstance(typeof(IXmlDecryptor), decryptorType);
                secret.ReplaceWith(decryptor.Decrypt(inner));
            }
            catch (Exception ex) when (ex is CryptographicException or InvalidOperationException or ArgumentException or TypeLoadException or IOException or XmlException or NotSupportedException or PlatformNotSupportedException)
            {
                return isCertificate
                    ? (null, $"encrypted with the certificate {DescribeCertificate(inner)}, which is not configured here or cannot be opened", false)
                    : (null, $"encrypted by {decryptorType.Split(',')[0]}, which cannot decrypt here ({ex.Message})", false);
            }

            asConfigured &= !usesKeyFile && isCertificate;
        }

        return (document.Root, null, asConfigured);
    }

    /// <summary>The key element with every part marked "requires encryption" encrypted by <paramref name="encryptor"/>, as Data Protection stores it.</summary>
    private static XElement Encrypt(XElement opened, IXmlEncryptor encryptor)
    {
        var document = new XDocument(new XElement(opened));
        foreach (var secret in document.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList())
        {
            var encrypted = encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(
                EncryptedSecret,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
        }

        return document.Root!;
    }

    private static string DescribeCertificate(XElement encryptedData)
    {
        var raw = encryptedData.Descendants(XmlDsig + "X509Certificate").Select(e => e.Value).FirstOrDefault();
        if (raw is null)
        {
            return "(not named in the key)";
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(raw));
            return $"'{certificate.Subject}' (thumbprint {certificate.Thumbprint})";
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return "(not readable from the key)";
        }
    }

    private static XElement? TryParse(string? xml)
    {
        try
        {
            return string.IsNullOrEmpty(xml) ? null : XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
