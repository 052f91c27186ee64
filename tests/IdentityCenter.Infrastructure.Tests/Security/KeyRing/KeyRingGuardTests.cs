using System.Xml.Linq;
using IdentityCenter.Core.Security;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Identity;
using IdentityCenter.Infrastructure.Security;
using IdentityCenter.Infrastructure.Security.KeyRing;
using IdentityCenter.Infrastructure.Tests.Credentials;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Infrastructure.Tests.Security.KeyRing;

/// <summary>
/// The key ring in the database is encrypted with a key file outside it: a copy of the database without
/// that file opens nothing, says so at start, and after a deliberate reset accepts nothing sealed before.
/// </summary>
public sealed class KeyRingGuardTests : IDisposable
{
    private const string KeyFileName = IdentityCenter.Infrastructure.Configuration.DataProtectionOptions.DefaultKeyFileName;
    private readonly List<string> _folders = [];

    public static TheoryData<string> Providers => TestDirectory.Providers;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _folders)
        {
            try
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a pooled handle may linger for a moment.
            }
        }
    }

    private string NewFolder()
    {
        var folder = System.IO.Directory.CreateTempSubdirectory("ic-keyring-").FullName;
        _folders.Add(folder);
        return folder;
    }

    private static string KeyFileOf(TestDirectory t) => Path.Combine(t.Folder, KeyFileName);

    private static async Task<List<string>> StoredKeysAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    /// <summary>
    /// The settings of a second installation on <paramref name="source"/>'s data: its own, empty data
    /// directory, with a copy of the SQLite file (a backup restored elsewhere) or the same PostgreSQL database
    /// (another instance).
    /// </summary>
    private async Task<Dictionary<string, string?>> CopyOfAsync(TestDirectory source, string provider)
    {
        var folder = NewFolder();
        var settings = source.Settings.ToDictionary();
        settings["IdentityCenter:DataDirectory"] = folder;
        if (provider == "Sqlite")
        {
            await using var from = new SqliteConnection($"Data Source={Path.Combine(source.Folder, "identitycenter.db")}");
            await using var to = new SqliteConnection($"Data Source={Path.Combine(folder, "identitycenter.db")};Pooling=False");
            await from.OpenAsync();
            await to.OpenAsync();
            from.BackupDatabase(to);
        }

        return settings;
    }

    private async Task<(IHost Host, KeyRingCheck Check)> StartCopyAsync(Dictionary<string, string?> settings, bool discardUnreadable = false)
    {
        var host = TestDirectory.BuildHost(settings, NewFolder(), TimeProvider.System);
        await host.Services.InitializeDatabaseAsync();
        return (host, await host.Services.GetRequiredService<KeyRingGuard>().CheckAsync(discardUnreadable));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FirstStart_CreatesOwnerOnlyKeyFile_AndEveryStoredKeyIsEncryptedWithIt(string provider)
    {
        await using var t = await TestDirectory.CreateAsync(provider);

        var keyFile = KeyFileOf(t);
        Assert.Null(KeyEncryptionKey.TryRead(keyFile, out var kek));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(keyFile));
        }

        var keys = await StoredKeysAsync(t.Root);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            var sealedKey = Assert.Single(XElement.Parse(xml).Descendants(SealedKeyElement.Name));
            Assert.Equal(kek!.Id, SealedKeyElement.KeyFileId(sealedKey));
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CopiedDatabase_WithItsKeyFile_OpensAndAcceptsEarlierCookies(string provider)
    {
        await using var original = await TestDirectory.CreateAsync(provider);
        var cookies = await original.SignInAsync("admin", TestDirectory.AdminPassword);
        var settings = await CopyOfAsync(original, provider);
        File.Copy(KeyFileOf(original), Path.Combine(settings["IdentityCenter:DataDirectory"]!, KeyFileName));

        await using var copy = await TestDirectory.CreateAsync(provider, settings);

        Assert.NotNull(await copy.AuthenticateAsync(cookies));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CopiedDatabase_WithoutKeyFile_StartStopsNamingTheMissingFile_AndCreatesNoKey(string provider)
    {
        await using var original = await TestDirectory.CreateAsync(provider);
        KeyEncryptionKey.TryRead(KeyFileOf(original), out var kek);
        var settings = await CopyOfAsync(original, provider);
        var expectedFile = Path.Combine(settings["IdentityCenter:DataDirectory"]!, KeyFileName);
        var keysBefore = await StoredKeysAsync(original.Root);

        var (host, check) = await StartCopyAsync(settings);
        using (host)
        {
            Assert.False(check.Succeeded);
            var problem = Assert.Single(check.Problems);
            Assert.Contains($"encrypted with key file {kek!.Id}, but '{expectedFile}' does not exist", problem, StringComparison.Ordinal);
            Assert.Equal(expectedFile, check.KeyFilePath);
            Assert.False(File.Exists(expectedFile));
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Services.InitializeIdentityCenterDirectoryAsync(TextWriter.Null));
            Assert.Contains(expectedFile, refused.Message, StringComparison.Ordinal);
            Assert.Equal(keysBefore, await StoredKeysAsync(host.Services));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CopiedDatabase_WithAnotherKeyFile_StartStopsNamingBothKeys(string provider)
    {
        await using var original = await TestDirectory.CreateAsync(provider);
        KeyEncryptionKey.TryRead(KeyFileOf(original), out var kek);
        var settings = await CopyOfAsync(original, provider);
        using var other = KeyEncryptionKey.Generate();
        Assert.True(other.TryCreateFile(Path.Combine(settings["IdentityCenter:DataDirectory"]!, KeyFileName)));

        var (host, check) = await StartCopyAsync(settings);
        using (host)
        {
            var problem = Assert.Single(check.Problems);
            Assert.Contains($"encrypted with key file {kek!.Id}, but '", problem, StringComparison.Ordinal);
            Assert.Contains($"holds key file {other.Id}", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ResetKeyRing_CopiedDatabase_OldCookieSessionTokenAndAuthenticatorAreRefused_DirectoryKept(string provider)
    {
        await using var original = await TestDirectory.CreateAsync(provider);
        var created = (await original.Get<IUserDirectoryService>().CreateUserAsync(new CreateUserRequest("vera", "Vera"), original.Admin)).Value!;
        var cookies = await original.SignInAsync("vera", created.OneTimePassword);
        var devices = original.Get<IMfaDeviceService>();
        var enrollment = (await devices.BeginTotpEnrollmentAsync(created.User.Id, original.Admin)).Value!;
        var totp = TotpVerifier.FromBase32(enrollment.SecretKey)!;
        Assert.True((await devices.CompleteTotpEnrollmentAsync(created.User.Id, enrollment.EnrollmentId, TotpVerifier.ComputeCode(totp, original.Time.GetUtcNow()), "Phone", original.Admin)).Succeeded);
        using var originalCredentials = new CredentialsKit(original);
        await originalCredentials.KeyStore.LoadAsync();
        var token = await originalCredentials.IssueAsync(created.User.Id, "vera");
        Assert.True(originalCredentials.Protector.Unseal(token.SessionToken, token.AccessKeyId).Succeeded);
        var settings = await CopyOfAsync(original, provider);

        KeyRingCheck? check = null;
        await using var copy = await TestDirectory.CreateAsync(
            provider, settings, services: s => s.AddIdentityCenterCredentials(),
            beforeDirectory: async sp => check = await sp.GetRequiredService<KeyRingGuard>().CheckAsync(discardUnreadable: true));

        Assert.True(check!.Succeeded, string.Join(" ", check.Problems));
        Assert.True(check.DiscardedKeys > 0);
        Assert.Contains(check.Actions, a => a.StartsWith("Discarded ", StringComparison.Ordinal) && a.Contains("1 authenticator app enrolments", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(settings["IdentityCenter:DataDirectory"]!, KeyFileName)));

        Assert.Null(await copy.AuthenticateAsync(cookies));
        using var copyCredentials = new CredentialsKit(copy);
        await copyCredentials.KeyStore.LoadAsync();
        Assert.False(copyCredentials.Protector.Unseal(token.SessionToken, token.AccessKeyId).Succeeded);
        Assert.Empty(await copy.Get<IMfaDeviceService>().ListDevicesAsync(created.User.Id));
        Assert.NotNull(await copy.Get<UserManager<ApplicationUser>>().FindByNameAsync("vera"));
        Assert.NotNull(await copy.AuthenticateAsync(await copy.SignInAsync("admin", TestDirectory.AdminPassword)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CertificateConfiguredLater_KeysFromTheKeyFileAreEncryptedWithIt_ThenTheKeyFileIsNotNeeded(string provider)
    {
        await using var original = await TestDirectory.CreateAsync(provider);
        var cookies = await original.SignInAsync("admin", TestDirectory.AdminPassword);
        var settings = original.Settings.ToDictionary();
        settings["IdentityCenter:DataProtection:CertificatePath"] = WritePfx();

        await using (var withCertificate = await TestDirectory.CreateAsync(provider, settings))
        {
            var check = withCertificate.Get<KeyRingGuard>().Passed!;
            Assert.True(check.UsesCertificate);
            Assert.Contains(check.Actions, a => a.StartsWith("Encrypted ", StringComparison.Ordinal) && a.EndsWith("with the configured certificate.", StringComparison.Ordinal));
            Assert.All(await StoredKeysAsync(withCertificate.Root), xml =>
            {
                Assert.Contains("EncryptedXmlDecryptor", xml, StringComparison.Ordinal);
                Assert.DoesNotContain(SealedKeyElement.Name.LocalName, xml, StringComparison.Ordinal);
            });
            Assert.NotNull(await withCertificate.AuthenticateAsync(cookies));
        }

        File.Delete(KeyFileOf(original));
        await using var withoutKeyFile = await TestDirectory.CreateAsync(provider, settings);

        Assert.Empty(withoutKeyFile.Get<KeyRingGuard>().Passed!.Actions);
        Assert.NotNull(await withoutKeyFile.AuthenticateAsync(cookies));
        Assert.False(File.Exists(KeyFileOf(original)));
    }

    private string WritePfx()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=IdentityCenter key ring test", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(NewFolder(), "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
        return path;
    }

    [Fact]
    public async Task ResetKeyRing_RingOpens_DiscardsNothing()
    {
        await using var t = await TestDirectory.CreateAsync("Sqlite");
        var cookies = await t.SignInAsync("admin", TestDirectory.AdminPassword);

        var check = await t.Get<KeyRingGuard>().CheckAsync(discardUnreadable: true);

        Assert.True(check.Succeeded);
        Assert.Equal(0, check.DiscardedKeys);
        Assert.NotNull(await t.AuthenticateAsync(cookies));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Upgrade_KeysStoredUnencryptedByEarlierVersion_AreEncryptedAtStartAndStillOpenWhatTheySealed(string provider)
    {
        byte[]? sealedEarlier = null;
        string? plaintextKeyId = null;
        await using var t = await TestDirectory.CreateAsync(provider, beforeDirectory: async services =>
        {
            // What IdentityCenter did before the key file: the same application name and store, no encryptor.
            var contexts = services.GetRequiredService<IDbContextFactory<IdentityCenterDbContext>>();
            var earlier = new ServiceCollection().AddLogging().AddScoped(_ => contexts.CreateDbContext());
            earlier.AddDataProtection().SetApplicationName(DirectoryServiceCollectionExtensions.DataProtectionApplicationName).PersistKeysToDbContext<IdentityCenterDbContext>();
            await using var earlierServices = earlier.BuildServiceProvider();
            sealedEarlier = earlierServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("upgrade-test").Protect("sealed before the upgrade"u8.ToArray());
            var stored = Assert.Single(await StoredKeysAsync(services));
            Assert.Contains("masterKey", stored, StringComparison.Ordinal);
            plaintextKeyId = (string?)XElement.Parse(stored).Attribute("id");
        });

        var check = Assert.IsType<KeyRingCheck>(t.Get<KeyRingGuard>().Passed);
        Assert.Contains(check.Actions, a => a.StartsWith("Encrypted 1 Data Protection key", StringComparison.Ordinal));
        KeyEncryptionKey.TryRead(KeyFileOf(t), out var kek);
        var upgraded = XElement.Parse(Assert.Single(await StoredKeysAsync(t.Root)));
        Assert.Equal(plaintextKeyId, (string?)upgraded.Attribute("id"));
        Assert.Equal(kek!.Id, SealedKeyElement.KeyFileId(Assert.Single(upgraded.Descendants(SealedKeyElement.Name))));
        Assert.DoesNotContain("masterKey", upgraded.ToString(), StringComparison.Ordinal);
        var opened = t.Get<IDataProtectionProvider>().CreateProtector("upgrade-test").Unprotect(sealedEarlier!);
        Assert.Equal("sealed before the upgrade", System.Text.Encoding.UTF8.GetString(opened));
    }
}
