using IdentityCenter.Infrastructure.Security.KeyRing;

namespace IdentityCenter.Web.Hosting;

/// <summary>
/// Before the app serves anything, the Data Protection key ring in the database must open with this
/// instance's key file or certificate (<see cref="KeyRingGuard"/>); otherwise start-up stops saying what
/// is missing and what to do. <c>--reset-key-ring</c> starts over instead: the keys that cannot be
/// opened are discarded with what they protected. It changes nothing while the ring opens.
/// </summary>
internal static class KeyRingSwitch
{
    public const string Reset = "--reset-key-ring";

    /// <summary>Removes the switch from the arguments (the configuration parser wants a value after every switch).</summary>
    public static bool Take(ref string[] args)
    {
        var reset = args.Contains(Reset, StringComparer.OrdinalIgnoreCase);
        args = args.Where(a => !a.Equals(Reset, StringComparison.OrdinalIgnoreCase)).ToArray();
        return reset;
    }

    public static async Task<bool> PrepareAsync(WebApplication app, bool reset)
    {
        var check = await app.Services.GetRequiredService<KeyRingGuard>().CheckAsync(discardUnreadable: reset);
        if (check.Succeeded)
        {
            if (reset && check.DiscardedKeys == 0)
            {
                Console.WriteLine($"{Reset}: the key ring opens with this instance's key, so nothing was discarded. Start without the switch.");
            }

            return true;
        }

        Console.Error.WriteLine(Describe(check));
        return false;
    }

    internal static string Describe(KeyRingCheck check)
    {
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
            + $"  - If that key is lost for good, start once with {Reset}: the keys that cannot be opened are discarded, and with them every sign-in session (everyone signs in again),"
            + " the authenticator app enrolments they protected (those users enrol an app again) and the role credentials they sealed (they stop working)."
            + " Users, groups, accounts, permission sets and assignments are kept.";
    }
}
