using System.Security.Cryptography;
using System.Xml.Linq;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Security.KeyRing;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Tests.Security.KeyRing;

/// <summary>The key file and the AES-GCM sealing of Data Protection keys with it.</summary>
public sealed class KeyEncryptionKeyTests : IDisposable
{
    private static readonly XElement MasterKey = XElement.Parse("<masterKey><value>c2VjcmV0LWtleS1tYXRlcmlhbA==</value></masterKey>");
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("ic-kek-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private KeyEncryptionKeyFile FileAt(string name) => new(
        Options.Create(new IdentityCenterOptions { DataDirectory = _folder, DataProtection = { KeyFile = Path.Combine(_folder, name) } }),
        new Environment(_folder),
        NullLogger<KeyEncryptionKeyFile>.Instance);

    [Fact]
    public void SealAndOpen_SameKeyFile_GivesBackTheElement()
    {
        using var file = FileAt("a.key");
        var sealedKey = SealedKeyElement.Seal(file.GetOrCreate(out var created), MasterKey);

        Assert.True(created);
        Assert.DoesNotContain("c2VjcmV0", sealedKey.ToString(), StringComparison.Ordinal);
        Assert.Equal(MasterKey.ToString(), SealedKeyElement.Open(file, sealedKey).ToString());
    }

    [Fact]
    public void Open_AnotherKeyFile_RefusedNamingBothKeys()
    {
        using var first = FileAt("a.key");
        using var second = FileAt("b.key");
        var sealedKey = SealedKeyElement.Seal(first.GetOrCreate(out _), MasterKey);
        var other = second.GetOrCreate(out _);

        var refused = Assert.Throws<CryptographicException>(() => SealedKeyElement.Open(second, sealedKey));

        Assert.Contains(first.Get().Id, refused.Message, StringComparison.Ordinal);
        Assert.Contains(other.Id, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_CiphertextChanged_Refused()
    {
        using var file = FileAt("a.key");
        var sealedKey = SealedKeyElement.Seal(file.GetOrCreate(out _), MasterKey);
        var bytes = Convert.FromBase64String(sealedKey.Value);
        bytes[20] ^= 1;
        sealedKey.Value = Convert.ToBase64String(bytes);

        Assert.ThrowsAny<CryptographicException>(() => SealedKeyElement.Open(file, sealedKey));
    }

    [Fact]
    public void Open_KeyFileIdSwapped_RefusedByTheTag()
    {
        // The id is authenticated data: relabelling a key sealed by another file does not get it opened.
        using var first = FileAt("a.key");
        using var second = FileAt("b.key");
        var sealedKey = SealedKeyElement.Seal(first.GetOrCreate(out _), MasterKey);
        sealedKey.SetAttributeValue("keyFileId", second.GetOrCreate(out _).Id);

        Assert.ThrowsAny<CryptographicException>(() => SealedKeyElement.Open(second, sealedKey));
    }

    [Fact]
    public void CreateFile_OwnerOnly_NeverOverwritesAndReadsBack()
    {
        var path = Path.Combine(_folder, "k.key");
        using var key = KeyEncryptionKey.Generate();
        using var other = KeyEncryptionKey.Generate();

        Assert.True(key.TryCreateFile(path));
        Assert.False(other.TryCreateFile(path));

        Assert.Null(KeyEncryptionKey.TryRead(path, out var read));
        Assert.Equal(key.Id, read!.Id);
        Assert.Single(System.IO.Directory.GetFiles(_folder));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Get_FileReadableByOthers_IsMadeOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var key = KeyEncryptionKey.Generate())
        {
            key.TryCreateFile(Path.Combine(_folder, "k.key"));
        }

        File.SetUnixFileMode(Path.Combine(_folder, "k.key"), OwnerOnly.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var file = FileAt("k.key");

        file.Get();

        Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(file.Path));
    }

    [Fact]
    public void TryRead_NotAKeyFile_SaysWhatToRestore()
    {
        var path = Path.Combine(_folder, "k.key");
        File.WriteAllText(path, "identitycenter-kek-v1:dG9vLXNob3J0\n");

        var error = KeyEncryptionKey.TryRead(path, out var key);

        Assert.Null(key);
        Assert.StartsWith("is not an IdentityCenter key file", error, StringComparison.Ordinal);
        Assert.Contains("Restore the file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_NoFile_RefusedNamingThePath_AndCreatesNothing()
    {
        using var file = FileAt("missing.key");

        var refused = Assert.Throws<CryptographicException>(() => file.Get());

        Assert.Contains(file.Path, refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file.Path));
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
