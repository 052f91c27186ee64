using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IdentityCenter.Infrastructure.Configuration;

/// <summary>Loads the certificate that encrypts the Data Protection key ring at rest.</summary>
public static class DataProtectionCertificate
{
    /// <summary>Null when the certificate loaded and has a private key; otherwise what is wrong with it, phrased to follow its path.</summary>
    public static string? TryLoad(string path, string? password, out X509Certificate2? certificate)
    {
        certificate = null;
        if (!File.Exists(path))
        {
            return "does not exist. Point it at a .pfx file with a private key, or leave it empty.";
        }

        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password);
        }
        catch (CryptographicException ex)
        {
            return $"could not be read as a .pfx certificate ({ex.Message}). Check the file and IdentityCenter:DataProtection:CertificatePassword.";
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            certificate = null;
            return "has no private key, so it could not decrypt the keys it protects. Export it with its private key.";
        }

        return null;
    }
}
