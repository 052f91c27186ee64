using System.Diagnostics;
using System.Globalization;
using IdentityCenter.Core.Audit;
using IdentityCenter.Core.Credentials;
using IdentityCenter.Core.PermissionSets;
using IdentityCenter.Infrastructure.Access;
using IdentityCenter.Infrastructure.Credentials;
using IdentityCenter.Infrastructure.Data;
using IdentityCenter.Infrastructure.Directory;
using IdentityCenter.Infrastructure.Events;
using IdentityCenter.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>
/// Workshop events at full size, timed on a real database:
///   dotnet run -c Release --project tests/IdentityCenter.AccessModel.ServiceBenchmarks -- --events [PostgreSQL connection string]
/// Prints: 500 one-time passwords hashed at Identity's full PBKDF2 cost (for comparison), creating a 500-attendee event
/// with a shared account and with an account each (users, memberships, accounts, assignments, one transaction), and
/// ending it (every attendee disabled, their credentials revoked: an issued credential's next check fails).
/// </summary>
internal static class WorkshopEventBenchmark
{
    private const int Attendees = 500;
    private const int Runs = 2;

    public static async Task RunAsync(string? postgres)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ic-bench-events-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdentityCenter:DataDirectory"] = directory,
            ["IdentityCenter:Database:Provider"] = postgres is null ? "Sqlite" : "PostgreSQL",
            ["IdentityCenter:Database:ConnectionString"] = postgres,
            ["IdentityCenter:Bootstrap:AdminPassword"] = "Bootstrap-Passw0rd!",
        });
        builder.Services.AddLogging();
        builder.AddIdentityCenterInfrastructure();
        builder.AddIdentityCenterDirectory();
        builder.AddIdentityCenterAccessModel();
        builder.AddIdentityCenterCredentials();
        builder.AddIdentityCenterEvents();
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();
        await host.Services.InitializeIdentityCenterDirectoryAsync(TextWriter.Null);
        var services = host.Services;

        var organizations = services.GetRequiredService<IOrganizationService>();
        var org = (await organizations.CreateOrganizationAsync(new OrganizationInput("Management", "mgmt@bench.example.com"), Actor.System)).Value!;
        var sandbox = (await organizations.CreateAccountAsync(new AccountInput("Sandbox", "sandbox@bench.example.com", org.RootId), Actor.System)).Value!.Id;
        await using var scope = services.CreateAsyncScope();
        var group = (await scope.ServiceProvider.GetRequiredService<IGroupDirectoryService>().CreateGroupAsync(new GroupInput("Attendees", null), Actor.System)).Value!.Id;
        var set = (await services.GetRequiredService<IPermissionSetService>().CreateAsync(new PermissionSetInput("S3Reader",
            InlinePolicy: """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""), Actor.System)).Value!.PermissionSet.Id;
        var events = scope.ServiceProvider.GetRequiredService<IWorkshopEventService>();

        Console.WriteLine($"Workshop events benchmark: provider={(postgres is null ? "Sqlite" : "PostgreSQL")}, attendees={Attendees}, runs={Runs}, cores={Environment.ProcessorCount}");

        var hasher = services.GetRequiredService<IPasswordHasher<ApplicationUser>>();
        var fullCost = Stopwatch.StartNew();
        var fullCostCpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Parallel.ForAsync(0, Attendees, (i, _) =>
        {
            hasher.HashPassword(new ApplicationUser(), "Full-Cost-Passw0rd!" + i.ToString(CultureInfo.InvariantCulture));
            return ValueTask.CompletedTask;
        });
        Console.WriteLine($"{"500 passwords hashed at Identity's full PBKDF2 cost (for comparison)",-75} wall {fullCost.Elapsed.TotalSeconds,6:F2}  cpu {(Process.GetCurrentProcess().TotalProcessorTime - fullCostCpu).TotalSeconds,6:F2}");

        var shared = new List<(double, double)>();
        var perAttendee = new List<(double, double)>();
        var ends = new List<(double, double)>();
        var process = Process.GetCurrentProcess();
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        for (var run = 0; run < Runs; run++)
        {
            var now = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            var cpu = Cpu();
            var created = await events.CreateAsync(new WorkshopEventInput($"Shared {run}", now, now.AddHours(8), Attendees, $"s{run}-", [group], [set],
                WorkshopAccountMode.SharedAccount, sandbox), Actor.System);
            shared.Add((watch.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds));
            Check(created.Succeeded, created.Summary);

            watch.Restart();
            cpu = Cpu();
            var each = await events.CreateAsync(new WorkshopEventInput($"Each {run}", now, now.AddHours(8), Attendees, $"a{run}-", [group], [set],
                WorkshopAccountMode.AccountPerAttendee), Actor.System);
            perAttendee.Add((watch.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds));
            Check(each.Succeeded, each.Summary);

            // End: one credential issued to an attendee must fail its next check once EndAsync returns.
            var card = created.Value!.Cards[Attendees / 2];
            await using var request = services.CreateAsyncScope();
            var issued = await request.ServiceProvider.GetRequiredService<CredentialService>().IssueAsync(new CredentialCaller(card.UserId, card.UserName, false), sandbox, "S3Reader");
            Check(issued.Succeeded, issued.Message);
            var validator = services.GetRequiredService<SessionCredentialValidator>();
            Check(validator.Validate(issued.Credentials!.SessionToken, issued.Credentials.AccessKeyId).Succeeded, "fresh credential refused");
            await Task.Delay(1100);
            watch.Restart();
            cpu = Cpu();
            var ended = await events.EndAsync(created.Value.EventId, Actor.System);
            ends.Add((watch.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds));
            Check(ended.Succeeded, ended.Summary);
            Check(validator.Validate(issued.Credentials.SessionToken, issued.Credentials.AccessKeyId).Error?.Code == CredentialErrorCode.TokenRevoked, "credential still valid after the end");
        }

        Report("create 500 attendees, shared account, 500 assignments ", shared);
        Report("create 500 attendees, an account each in a new OU, 500 assignments ", perAttendee);
        Report("end event: 500 attendees disabled and revoked, next check fails ", ends);
    }

    /// <summary>Wall-clock and process CPU seconds of each run (the CPU time says what the work costs on a machine shared with other load).</summary>
    private static void Report(string name, List<(double Wall, double Cpu)> runs) =>
        Console.WriteLine($"{name,-75} " + string.Join("; ", runs.Select(r => $"wall {r.Wall,6:F2}  cpu {r.Cpu,6:F2}")));

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
