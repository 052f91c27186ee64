namespace IdentityCenter.Infrastructure.Configuration;

/// <summary>
/// Every setting under the <c>IdentityCenter</c> configuration section. Bound once at start-up and
/// validated by <see cref="IdentityCenterOptionsValidator"/>, which reports every problem at once.
/// </summary>
public sealed class IdentityCenterOptions
{
    public const string SectionName = "IdentityCenter";

    /// <summary>Folder for the SQLite database and other local state. Relative paths resolve against the content root.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>
    /// Folder holding the repository's top-level <c>wwwroot</c> (stylesheet, logo, favicon).
    /// Empty means: the first <c>wwwroot</c> found next to <c>IdentityCenter.sln</c> above the content root,
    /// else <see cref="PublishedSharedWebRoot"/> next to the app's files or under the content root (the publish output and the container).
    /// </summary>
    public string SharedWebRoot { get; set; } = "";

    /// <summary>The folder name under which <c>dotnet publish</c> copies the top-level <c>wwwroot</c> (see the Web project file).</summary>
    public const string PublishedSharedWebRoot = "shared-wwwroot";

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>The first administrator, created when none exists.</summary>
    public BootstrapOptions Bootstrap { get; set; } = new();

    /// <summary>How the Data Protection key ring (which encrypts cookies, authenticator keys and token keys) is itself protected at rest.</summary>
    public DataProtectionOptions DataProtection { get; set; } = new();

    /// <summary>Issuer shown in authenticator apps (otpauth <c>issuer</c>).</summary>
    public string TotpIssuer { get; set; } = "IdentityCenter";

    /// <summary>Role credentials and the token check (<c>IdentityCenter:Credentials</c>), bound on its own by the credentials feature.</summary>
    public IdentityCenter.Infrastructure.Credentials.CredentialsOptions Credentials { get; set; } = new();

    /// <summary>
    /// The origin users' browsers see (<c>https://iam.example.com</c>) when the app runs behind a reverse proxy. When set,
    /// every request is treated as addressed to it: redirects and absolute URLs use it, never the request's Host header,
    /// and cookies are <c>Secure</c> when it is https. Empty: the request's own scheme and Host.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>Trusted reverse proxies, whose forwarded client address and scheme are applied.</summary>
    public ProxyOptions Proxy { get; set; } = new();

    /// <summary>Per-client limits of the sign-in and credential endpoints.</summary>
    public RateLimitsOptions RateLimits { get; set; } = new();

    /// <summary>The demo object store at <c>/aws/s3</c> (<c>IdentityCenter:S3</c>).</summary>
    public IdentityCenter.Infrastructure.S3.S3Options S3 { get; set; } = new();

    /// <summary>Workshop mode and its time travel (<c>IdentityCenter:Workshop</c>).</summary>
    public IdentityCenter.Infrastructure.Workshop.WorkshopOptions Workshop { get; set; } = new();

    /// <summary>The public URL as an origin (scheme, host, port), or null when it is not an absolute http(s) URL without path, query or fragment.</summary>
    public static Uri? ParsePublicUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;

    /// <summary>The data directory as an absolute path.</summary>
    public string ResolveDataDirectory(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);

    /// <summary>The key file as an absolute path: the configured one, or <c>keyring.key</c> in the data directory.</summary>
    public string ResolveKeyFile(string contentRoot) =>
        string.IsNullOrWhiteSpace(DataProtection.KeyFile)
            ? Path.Combine(ResolveDataDirectory(contentRoot), DataProtectionOptions.DefaultKeyFileName)
            : Path.GetFullPath(DataProtection.KeyFile, contentRoot);

    /// <summary>
    /// The SQLite connection string: the configured one, or <c>identitycenter.db</c> in the data directory.
    /// No shared cache: with it, concurrent connections fail at once with "table is locked" instead of
    /// waiting, and WAL already lets readers run beside the writer.
    /// </summary>
    public string ResolveSqliteConnectionString(string contentRoot) =>
        string.IsNullOrWhiteSpace(Database.ConnectionString)
            ? $"Data Source={Path.Combine(ResolveDataDirectory(contentRoot), "identitycenter.db")}"
            : Database.ConnectionString;

    /// <summary>The folder of shared static assets, found as <see cref="SharedWebRoot"/> describes; null when none exists.</summary>
    public string? ResolveSharedWebRoot(string contentRoot)
    {
        if (!string.IsNullOrEmpty(SharedWebRoot))
        {
            return Path.GetFullPath(SharedWebRoot, contentRoot);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IdentityCenter.sln")) && System.IO.Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
            {
                return Path.Combine(dir.FullName, "wwwroot");
            }
        }

        // The publish output (and so the container image) carries it as shared-wwwroot next to the app's files.
        foreach (var root in new[] { AppContext.BaseDirectory, contentRoot })
        {
            var published = Path.Combine(root, PublishedSharedWebRoot);
            if (System.IO.Directory.Exists(published))
            {
                return published;
            }
        }

        return null;
    }
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (default) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// Required for PostgreSQL. For SQLite it may be left empty: the database is then
    /// <c>identitycenter.db</c> in the data directory.
    /// </summary>
    public string ConnectionString { get; set; } = "";
}

public sealed class DataProtectionOptions
{
    public const string DefaultKeyFileName = "keyring.key";

    /// <summary>
    /// The key file whose key encrypts the Data Protection keys stored in the database (AES-256-GCM).
    /// Empty: <c>keyring.key</c> in the data directory. Created (owner-only) at first start; a database
    /// whose keys were encrypted with a key file does not start without that file. Not used when
    /// <see cref="CertificatePath"/> is set (except to open keys it encrypted earlier).
    /// </summary>
    public string KeyFile { get; set; } = "";

    /// <summary>
    /// A PKCS#12 (.pfx) certificate whose key encrypts the Data Protection keys stored in the database,
    /// instead of the key file. Empty: the key file does.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The .pfx password, if it has one (pass it through an environment variable, not a file).</summary>
    public string CertificatePassword { get; set; } = "";
}

public sealed class BootstrapOptions
{
    /// <summary>User name of the first administrator. Default <c>admin</c>.</summary>
    public string AdminUserName { get; set; } = "admin";

    /// <summary>
    /// Password of the first administrator. Empty = a one-time password is generated and printed
    /// once to the console. Must satisfy the default password policy (8-64 characters, upper, lower,
    /// digit, symbol).
    /// </summary>
    public string AdminPassword { get; set; } = "";

    /// <summary>Whether the first administrator must replace the password at first sign-in. Default true (always true for a generated one).</summary>
    public bool RequirePasswordChange { get; set; } = true;

    /// <summary>
    /// With <see cref="AdminSecretAccessKey"/>: a long-term access key the administrator named <see cref="AdminUserName"/>
    /// holds from start-up (created when absent, left alone when present with the same secret), so automation can manage
    /// a fresh instance through the AWS APIs without a browser. <c>AKIA</c> + 16 of [A-Z2-7]. Empty: none.
    /// </summary>
    public string AdminAccessKeyId { get; set; } = "";

    /// <summary>The 40-character secret of <see cref="AdminAccessKeyId"/> (pass it through an environment variable, not a file).</summary>
    public string AdminSecretAccessKey { get; set; } = "";
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";
}
