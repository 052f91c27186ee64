using IdentityCenter.Infrastructure.Hosting;
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
    public const string Reset = InstancePreparation.ResetKeyRingSwitch;

    /// <summary>Removes the switch from the arguments (the configuration parser wants a value after every switch).</summary>
    public static bool Take(ref string[] args)
    {
        var reset = args.Contains(Reset, StringComparer.OrdinalIgnoreCase);
        args = args.Where(a => !a.Equals(Reset, StringComparison.OrdinalIgnoreCase)).ToArray();
        return reset;
    }

    public static async Task<bool> PrepareAsync(WebApplication app, bool reset)
    {
        var (check, problem) = await InstancePreparation.CheckKeyRingAsync(app.Services, reset);
        if (problem is null)
        {
            if (reset && check.DiscardedKeys == 0)
            {
                Console.WriteLine($"{Reset}: the key ring opens with this instance's key, so nothing was discarded. Start without the switch.");
            }

            return true;
        }

        Console.Error.WriteLine(problem);
        return false;
    }

    internal static string Describe(KeyRingCheck check) => InstancePreparation.DescribeKeyRingProblem(check);
}
