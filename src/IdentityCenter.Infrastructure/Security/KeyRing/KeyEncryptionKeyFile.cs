using System.Security.Cryptography;
using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Security.KeyRing;

/// <summary>
/// The key file named by <c>IdentityCenter:DataProtection:KeyFile</c> (default <c>keyring.key</c> in the
/// data directory), read once and kept in memory. Created only on request (<see cref="GetOrCreate"/>):
/// <see cref="KeyRingGuard"/> decides at start-up whether a missing file may be created.
/// </summary>
public sealed class KeyEncryptionKeyFile(IOptions<IdentityCenterOptions> options, IHostEnvironment environment, ILogger<KeyEncryptionKeyFile> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private KeyEncryptionKey? _key;

    public string Path => options.Value.ResolveKeyFile(environment.ContentRootPath);

    public bool Exists => _key is not null || File.Exists(Path);

    /// <summary>The key in the file; a <see cref="CryptographicException"/> saying what is wrong when there is none.</summary>
    public KeyEncryptionKey Get()
    {
        lock (_gate)
        {
            return _key ??= Read() ?? throw new CryptographicException($"The key file '{Path}' does not exist, so the Data Protection keys it encrypted cannot be decrypted. Copy it from the data directory the database came from, or set IdentityCenter:DataProtection:KeyFile to where it is.");
        }
    }

    /// <summary>The key in the file; when there is no file, a new key written to a new owner-only file (<paramref name="created"/> true).</summary>
    public KeyEncryptionKey GetOrCreate(out bool created)
    {
        lock (_gate)
        {
            created = false;
            if (_key is not null)
            {
                return _key;
            }

            if (Read() is { } existing)
            {
                return _key = existing;
            }

            var path = Path;
            var fresh = KeyEncryptionKey.Generate();
            bool written;
            try
            {
                written = fresh.TryCreateFile(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                fresh.Dispose();
                throw new CryptographicException($"The key file '{path}' could not be created ({ex.Message}). Let the user running IdentityCenter write to its folder, or set IdentityCenter:DataProtection:KeyFile.", ex);
            }

            if (!written)
            {
                // Another process created it between the two looks: use theirs.
                fresh.Dispose();
                return _key = Read() ?? throw new CryptographicException($"The key file '{path}' appeared and vanished again while IdentityCenter started.");
            }

            created = true;
            logger.LogWarning(
                "Created the key file {Path} (id {KeyId}, readable by this user only). It encrypts the Data Protection key ring in the database: back it up apart from the database, and give every instance that shares the database a copy.",
                path,
                fresh.Id);
            return _key = fresh;
        }
    }

    private KeyEncryptionKey? Read()
    {
        var path = Path;
        if (!File.Exists(path))
        {
            return null;
        }

        if (KeyEncryptionKey.TryRead(path, out var key) is { } error)
        {
            throw new CryptographicException($"The key file '{path}' {error}");
        }

        if (OwnerOnly.IsOpenToOthers(path))
        {
            var restricted = OwnerOnly.Restrict(path);
            if (restricted is null)
            {
                logger.LogWarning("The key file {Path} was readable by other users; its permissions are now owner-only (0600).", path);
            }
            else
            {
                logger.LogWarning("The key file {Path} is readable by other users and its permissions could not be changed ({Error}). Make it readable by the user running IdentityCenter only.", path, restricted);
            }
        }

        return key;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _key?.Dispose();
            _key = null;
        }
    }
}
