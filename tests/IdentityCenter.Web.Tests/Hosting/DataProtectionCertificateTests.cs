using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Web.Tests.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Web.Tests.Hosting;

/// <summary>With a certificate configured, the Data Protection keys in the database are encrypted at rest.</summary>
public sealed class DataProtectionCertificateTests : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("ic-dp-cert-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    private string WritePfx(string password, bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=IdentityCenter test key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, withPrivateKey ? "key.pfx" : "public.cer");
        File.WriteAllBytes(path, withPrivateKey ? certificate.Export(X509ContentType.Pkcs12, password) : certificate.Export(X509ContentType.Cert));
        return path;
    }

    [Fact]
    public async Task Configured_Certificate_KeysInDatabaseAreEncrypted()
    {
        var pfx = WritePfx("s3cret-pfx");
        await using var root = new IdentityCenterWebFactory();
        await using var factory = root.WithWebHostBuilder(b =>
        {
            b.UseSetting("IdentityCenter:DataProtection:CertificatePath", pfx);
            b.UseSetting("IdentityCenter:DataProtection:CertificatePassword", "s3cret-pfx");
        });
        using var client = factory.CreateClient();
        Assert.True((await client.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IdentityCenterDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TryLoad_WrongPassword_SaysWhatToCheck()
    {
        var pfx = WritePfx("right");

        var error = DataProtectionCertificate.TryLoad(pfx, "wrong", out var certificate);

        Assert.Null(certificate);
        Assert.Contains("CertificatePassword", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_MissingFile_SaysItDoesNotExist()
    {
        var error = DataProtectionCertificate.TryLoad(Path.Combine(_folder, "nope.pfx"), null, out var certificate);

        Assert.Null(certificate);
        Assert.StartsWith("does not exist", error, StringComparison.Ordinal);
    }
}
