using System.Data.Common;
using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Security.KeyRing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityCenter.Infrastructure.Hosting;

/// <summary>
/// The checks every process that opens an instance's data runs before using it (the web app at start-up, the
/// <c>identitycenter</c> command): configuration, database migrations, and the Data Protection key ring. Each returns
/// null when all is well, or one message (no stack trace) that says what is wrong and how to fix it.
/// </summary>
public static class InstancePreparation
{
    /// <summary>The switch that discards a key ring that does not open (see <see cref="DescribeKeyRingProblem"/>).</summary>
    public const string ResetKeyRingSwitch = "--reset-key-ring";

    /// <summary>Every configuration problem, one per line, or null.</summary>
    public static string? FindConfigurationProblems(IConfiguration configuration, string contentRoot)
    {
        var problems = IdentityCenterOptionsValidator.FindProblems(configuration, contentRoot);
        return problems.Count == 0
            ? null
            : $"IdentityCenter cannot start: {problems.Count} configuration problem(s).{Environment.NewLine}"
                + string.Join(Environment.NewLine, problems.Select(p => "  - " + p))
                + $"{Environment.NewLine}Settings come from appsettings.json, environment variables (IdentityCenter__Name) and the command line (--IdentityCenter:Name=value, --data-dir).";
    }

    /// <summary>Brings the database up to date (see <see cref="DatabaseInitializer"/>); null, or why it is impossible.</summary>
    public static async Task<string?> PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        try
        {
            await services.InitializeDatabaseAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is DatabaseStartupException or DbException)
        {
            var why = e is DatabaseStartupException ? e.Message : $"the database could not be opened or migrated: {e.Message}";
            return $"IdentityCenter cannot start: {why}";
        }
    }

    /// <summary>
    /// Checks that the key ring in the database opens with this instance's key file or certificate (with
    /// <paramref name="reset"/>, discards the keys that do not); the check itself, and the message when it failed.
    /// </summary>
    public static async Task<(KeyRingCheck Check, string? Problem)> CheckKeyRingAsync(IServiceProvider services, bool reset, CancellationToken cancellationToken = default)
    {
        var check = await services.GetRequiredService<KeyRingGuard>().CheckAsync(discardUnreadable: reset, cancellationToken);
        return (check, check.Succeeded ? null : DescribeKeyRingProblem(check));
    }

    public static string DescribeKeyRingProblem(KeyRingCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var nl = Environment.NewLine;
        var source = check.UsesCertificate
            ? "  - If this database came from another installation (a backup, a copy, another server), set IdentityCenter:DataProtection:CertificatePath (and CertificatePassword) to the certificate that installation used"
                + $"; if it used a key file, copy that file to '{check.KeyFilePath}' as well, so its keys can be encrypted again with the certificate."
            : "  - If this database came from another data directory (a backup, a copy, another server), copy the key file from there"
                + $" ('keyring.key' in that data directory, unless IdentityCenter:DataProtection:KeyFile named another) to '{check.KeyFilePath}'"
                + ", or set IdentityCenter:DataProtection:KeyFile to where it is. If that installation used a certificate, set IdentityCenter:DataProtection:CertificatePath (and CertificatePassword) to it.";
        return "IdentityCenter cannot start: the Data Protection key ring in the database does not open with this instance's "
            + (check.UsesCertificate ? "certificate." : "key file.") + nl
            + string.Join(nl, check.Problems.Select(p => "  - " + p)) + nl
            + "The key ring protects sign-in cookies, authenticator app secrets and the session-token keys, so the database cannot be used without the key that encrypted it. To fix it:" + nl
            + source + nl
            + "  - Several instances on one PostgreSQL database must all be given the same key file (or the same certificate): start one, then copy its key file to every other instance before it starts." + nl
            + $"  - If that key is lost for good, start once with {ResetKeyRingSwitch}: the keys that cannot be opened are discarded, and with them every sign-in session (everyone signs in again),"
            + " the authenticator app enrolments they protected (those users enrol an app again) and the role credentials they sealed (they stop working)."
            + " Users, groups, accounts, permission sets and assignments are kept.";
    }
}
