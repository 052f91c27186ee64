using IdentityCenter.Infrastructure.Security.KeyRing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IdentityCenter.Infrastructure.Configuration;

/// <summary>Checks the bound <see cref="IdentityCenterOptions"/> and reports every problem at once, each saying what to fix.</summary>
public sealed class IdentityCenterOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityCenterOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityCenterOptions options)
    {
        var problems = FindProblems(options, environment.ContentRootPath);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>
    /// Everything wrong with the <c>IdentityCenter</c> section: unknown keys and unconvertible values
    /// first, then (when it binds) the semantic checks.
    /// </summary>
    public static IReadOnlyList<string> FindProblems(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(IdentityCenterOptions.SectionName);
        var shapeProblems = ConfigurationShape.FindProblems(section, typeof(IdentityCenterOptions));
        var problems = shapeProblems.Select(p => p.Message).ToList();

        // Bind what is well-formed so the semantic checks can report their problems in the same message.
        var wellFormed = new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable(makePathsRelative: true)
                .Where(kv => kv.Value is not null && !shapeProblems.Any(p => IsUnder(kv.Key, p.RelativePath))))
            .Build();
        var options = new IdentityCenterOptions();
        wellFormed.Bind(options);
        problems.AddRange(FindProblems(options, contentRoot));
        return problems;
    }

    private static bool IsUnder(string key, string path) =>
        key.Equals(path, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(path + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);

    public static IReadOnlyList<string> FindProblems(IdentityCenterOptions options, string contentRoot)
    {
        var problems = new List<string>();
        var prefix = IdentityCenterOptions.SectionName;

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            problems.Add($"{prefix}:DataDirectory is empty. Set it (or pass --data-dir) to a folder the app can write, for example ./data.");
        }
        else
        {
            var dataDirectory = options.ResolveDataDirectory(contentRoot);
            var error = ProbeWritable(dataDirectory);
            if (error is not null)
            {
                problems.Add($"{prefix}:DataDirectory: the folder '{dataDirectory}' cannot be created or written ({error}). Choose a writable folder with --data-dir or {prefix}__DataDirectory.");
            }
        }

        if (!string.IsNullOrEmpty(options.SharedWebRoot) && !System.IO.Directory.Exists(options.ResolveSharedWebRoot(contentRoot)))
        {
            problems.Add($"{prefix}:SharedWebRoot: the folder '{options.ResolveSharedWebRoot(contentRoot)}' does not exist. Point it at the repository's top-level wwwroot folder, or leave it empty to find it automatically.");
        }

        if (options.S3.MaxObjectBytes is < 1 or > IdentityCenter.Infrastructure.S3.S3Options.MaxMaxObjectBytes)
        {
            problems.Add($"{prefix}:S3:MaxObjectBytes is {options.S3.MaxObjectBytes}. Set it between 1 and {IdentityCenter.Infrastructure.S3.S3Options.MaxMaxObjectBytes} (bytes; default {IdentityCenter.Infrastructure.S3.S3Options.DefaultMaxObjectBytes}, 5 MB).");
        }

        if (options.Workshop.TimeTravel == true && !options.Workshop.Enabled)
        {
            problems.Add($"{prefix}:Workshop:TimeTravel is true but workshop mode is off, and time travel exists only in workshop mode. Start with --workshop or set {prefix}:Workshop:Enabled=true, or remove {prefix}:Workshop:TimeTravel.");
        }

        if (!string.IsNullOrEmpty(options.DataProtection.CertificatePath))
        {
            var path = Path.GetFullPath(options.DataProtection.CertificatePath, contentRoot);
            var error = DataProtectionCertificate.TryLoad(path, options.DataProtection.CertificatePassword, out var certificate);
            certificate?.Dispose();
            if (error is not null)
            {
                problems.Add($"{prefix}:DataProtection:CertificatePath: '{path}' {error}");
            }
        }

        problems.AddRange(FindKeyFileProblems(options, contentRoot));
        problems.AddRange(HttpEdgeOptionsValidator.FindProblems(options));

        var credentials = options.Credentials;
        if (credentials.MaxTokenLifetime < IdentityCenter.Core.PermissionSets.SessionDuration.Maximum)
        {
            problems.Add($"{prefix}:Credentials:MaxTokenLifetime: {credentials.MaxTokenLifetime} is shorter than the longest permission set session ({IdentityCenter.Core.PermissionSets.SessionDuration.Maximum}); revoked tokens would work again once their revocation was pruned. Use at least 12:00:00.");
        }

        foreach (var (name, value) in new[]
        {
            ("KeyRotationInterval", credentials.KeyRotationInterval),
            ("MaintenanceInterval", credentials.MaintenanceInterval),
            ("AllowedDecisionAuditWindow", credentials.AllowedDecisionAuditWindow),
            ("AccessAdvisorFlushInterval", credentials.AccessAdvisorFlushInterval),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add($"{prefix}:Credentials:{name}: {value} must be a positive time span, for example 00:00:10.");
            }
        }

        var provider = options.Database.Provider;
        if (string.Equals(provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.Database.ConnectionString))
            {
                problems.Add($"{prefix}:Database:ConnectionString is empty but the provider is {DatabaseProviders.PostgreSql}. Set it (or {prefix}__Database__ConnectionString) to a PostgreSQL connection string, for example Host=127.0.0.1;Port=5432;Database=identitycenter;Username=ic;Password=...");
            }
        }
        else if (!string.Equals(provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{prefix}:Database:Provider: '{provider}' is not supported. Use {DatabaseProviders.Sqlite} (default) or {DatabaseProviders.PostgreSql}.");
        }

        var bootstrap = options.Bootstrap;
        problems.AddRange(IdentityCenter.Core.Directory.DirectoryNames.ValidateUserName(bootstrap.AdminUserName)
            .Select(e => $"{prefix}:Bootstrap:AdminUserName: {e.Message}"));
        if (!string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            var check = IdentityCenter.Core.Security.PasswordPolicyChecker.Check(IdentityCenter.Core.Security.PasswordPolicy.IdentityCenterDirectory, bootstrap.AdminPassword);
            if (!check.IsSatisfied)
            {
                problems.Add($"{prefix}:Bootstrap:AdminPassword does not meet the default password policy: {string.Join("; ", check.Violations.Select(v => v.Description))}. Choose a stronger password, or leave it empty to have a one-time password generated.");
            }
        }

        problems.AddRange(FindBootstrapAccessKeyProblems(bootstrap));

        if (string.IsNullOrWhiteSpace(options.TotpIssuer))
        {
            problems.Add($"{prefix}:TotpIssuer is empty. Set it to the name authenticator apps should show, for example IdentityCenter.");
        }

        return problems;
    }

    /// <summary>The bootstrap administrator's access key: both settings or neither, an AKIA id, a 40-character secret.</summary>
    private static IEnumerable<string> FindBootstrapAccessKeyProblems(BootstrapOptions bootstrap)
    {
        var prefix = $"{IdentityCenterOptions.SectionName}:Bootstrap";
        var id = bootstrap.AdminAccessKeyId;
        var secret = bootstrap.AdminSecretAccessKey;
        if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(secret))
        {
            yield break;
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
        {
            var missing = string.IsNullOrEmpty(id) ? "AdminAccessKeyId" : "AdminSecretAccessKey";
            var set = string.IsNullOrEmpty(id) ? "AdminSecretAccessKey" : "AdminAccessKeyId";
            yield return $"{prefix}:{set} is set but {prefix}:{missing} is not. Set both to give the bootstrap administrator a known access key, or neither.";
            yield break;
        }

        if (!IdentityCenter.Core.Credentials.AccessKeys.IsLongTermAccessKeyId(id))
        {
            yield return $"{prefix}:AdminAccessKeyId: '{id}' is not an access key id. Use AKIA followed by 16 characters of A-Z and 2-7 (20 in all), for example AKIAIOSFODNN7EXAMPLE.";
        }

        if (!IdentityCenter.Core.Credentials.AccessKeys.IsSecretAccessKey(secret))
        {
            yield return $"{prefix}:AdminSecretAccessKey must be exactly {IdentityCenter.Core.Credentials.AccessKeys.SecretAccessKeyLength} visible ASCII characters without spaces (it has {secret.Length}). Generate one, for example with: openssl rand -base64 30";
        }
    }

    private static IEnumerable<string> FindKeyFileProblems(IdentityCenterOptions options, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory) && string.IsNullOrWhiteSpace(options.DataProtection.KeyFile))
        {
            yield break;
        }

        var prefix = $"{IdentityCenterOptions.SectionName}:DataProtection:KeyFile";
        var path = options.ResolveKeyFile(contentRoot);
        if (File.Exists(path))
        {
            if (KeyEncryptionKey.TryRead(path, out var key) is { } error)
            {
                yield return $"{prefix}: '{path}' {error}";
            }

            key?.Dispose();
        }
        else if (System.IO.Directory.Exists(path))
        {
            yield return $"{prefix}: '{path}' is a folder. Name the key file itself, for example {Path.Combine(path, DataProtectionOptions.DefaultKeyFileName)}.";
        }
        else if (!string.IsNullOrWhiteSpace(options.DataProtection.KeyFile) && !System.IO.Directory.Exists(Path.GetDirectoryName(path)))
        {
            yield return $"{prefix}: the folder of '{path}' does not exist. Create it (IdentityCenter creates the key file there at first start), or leave the setting empty to keep the key file in the data directory.";
        }
    }

    private static string? ProbeWritable(string directory)
    {
        try
        {
            OwnerOnly.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return ex.Message;
        }
    }
}
