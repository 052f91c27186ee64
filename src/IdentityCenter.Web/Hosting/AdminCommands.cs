using IdentityCenter.Core.Audit;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Directory;

namespace IdentityCenter.Web.Hosting;

/// <summary>
/// Operator tasks the app's own binary runs on its data and then exits (the server does not start):
/// <list type="bullet">
/// <item><c>import-users &lt;file.csv|-&gt;</c>: creates every user of a CSV file in one transaction (all or none)
/// and prints each user name with its one-time password, tab separated, on standard output.</item>
/// <item><c>revoke-credentials --user &lt;name&gt;</c> or <c>--all</c>: role credentials issued before now stop
/// working (as the admin console's Revoke page), also on running instances within a second.</item>
/// </list>
/// Each is durable (committed with its audit event) before it reports success. Anyone who can run them
/// can read the data directory anyway; they are audited as the operating-system user.
/// </summary>
internal sealed class AdminCommands
{
    public const string ImportUsers = "import-users";
    public const string RevokeCredentials = "revoke-credentials";

    private const string Usage = """
        Usage: IdentityCenter.Web import-users <file.csv | -> [settings]
               IdentityCenter.Web revoke-credentials (--user <user name> | --all) [settings]
        The CSV header names the columns: UserName and DisplayName (required), GivenName, FamilyName, Email.
        """;

    private AdminCommands(string name, string? argument, string? error)
    {
        Name = name;
        Argument = argument;
        Error = error;
    }

    public string Name { get; }

    /// <summary>The file of import-users; the user name of revoke-credentials (null: all).</summary>
    public string? Argument { get; }

    private string? Error { get; }

    /// <summary>Takes the command and its own arguments out of <paramref name="args"/>; null when the first argument names no command.</summary>
    public static AdminCommands? Take(ref string[] args)
    {
        if (args.Length == 0 || args[0] is not (ImportUsers or RevokeCredentials))
        {
            return null;
        }

        var name = args[0];
        var rest = args.Skip(1).ToList();
        string? argument = null;
        string? error = null;
        if (name == ImportUsers)
        {
            if (rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal))
            {
                argument = rest[0];
                rest.RemoveAt(0);
            }
            else
            {
                error = "import-users needs the CSV file to read (or - for standard input).";
            }
        }
        else
        {
            var user = rest.IndexOf("--user");
            var all = rest.Remove("--all");
            if (user >= 0 && user + 1 < rest.Count && !all)
            {
                argument = rest[user + 1];
                rest.RemoveRange(user, 2);
            }
            else if (!all || user >= 0)
            {
                error = "revoke-credentials needs either --user <user name> or --all.";
            }
        }

        args = [.. rest];
        return new AdminCommands(name, argument, error);
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        if (Error is not null)
        {
            await Console.Error.WriteLineAsync(Error + Environment.NewLine + Usage);
            return 2;
        }

        var actor = new Actor(null, $"{Environment.UserName} (command line)", null, $"IdentityCenter.Web {Name}");
        await using var scope = app.Services.CreateAsyncScope();
        return Name == ImportUsers
            ? await ImportAsync(scope.ServiceProvider, actor)
            : await RevokeAsync(scope.ServiceProvider, actor);
    }

    private async Task<int> ImportAsync(IServiceProvider services, Actor actor)
    {
        string csv;
        try
        {
            csv = Argument == "-" ? await Console.In.ReadToEndAsync() : await File.ReadAllTextAsync(Argument!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Cannot read {Argument}: {e.Message}");
            return 1;
        }

        await Console.Error.WriteLineAsync($"Importing the users of {Argument}…");
        var result = await services.GetRequiredService<IUserImportService>().ImportAsync(csv, actor);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Nothing was imported: {result.Errors.Count} problem(s).");
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync("  " + error);
            }

            return 1;
        }

        await Console.Out.WriteLineAsync("UserName\tOneTimePassword");
        foreach (var user in result.Imported)
        {
            await Console.Out.WriteLineAsync($"{user.UserName}\t{user.OneTimePassword}");
        }

        await Console.Out.FlushAsync();
        await Console.Error.WriteLineAsync($"Imported {result.Imported.Count} users; each must change the one-time password at first sign-in.");
        return 0;
    }

    private async Task<int> RevokeAsync(IServiceProvider services, Actor actor)
    {
        var revocation = services.GetRequiredService<ICredentialRevocation>();
        if (Argument is null)
        {
            await Console.Error.WriteLineAsync("Revoking every role credential issued before now…");
            await revocation.RevokeAllAsync(actor);
            await Console.Error.WriteLineAsync("Revoked every role credential issued before now.");
            return 0;
        }

        var user = await services.GetRequiredService<IUserDirectoryService>().FindByUserNameAsync(Argument);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"There is no user named '{Argument}'.");
            return 1;
        }

        await Console.Error.WriteLineAsync($"Revoking the role credentials of {user.UserName}…");
        await revocation.RevokeUserAsync(user.Id, actor);
        await Console.Error.WriteLineAsync($"Revoked the role credentials {user.UserName} was issued before now.");
        return 0;
    }
}
