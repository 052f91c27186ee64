using System.Text.Json.Nodes;
using IdentityCenter.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IdentityCenter.Cli.Tests;

/// <summary>export, import and event against real SQLite data directories in temporary folders.</summary>
public sealed class EnvironmentCommandTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "ic-cli-" + Guid.NewGuid().ToString("N"));

    private string Seeded => Path.Combine(root, "seeded");

    private string Empty => Path.Combine(root, "empty");

    public async Task InitializeAsync()
    {
        await PrepareDataDirectoryAsync(Seeded, seedWorkshop: true);
        await PrepareDataDirectoryAsync(Empty, seedWorkshop: false);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A data directory as a first start of the app leaves it (migrated database, key file, bootstrap administrator).</summary>
    private static async Task PrepareDataDirectoryAsync(string directory, bool seedWorkshop)
    {
        Directory.CreateDirectory(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = directory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IdentityCenter:DataDirectory"] = directory,
            ["IdentityCenter:Bootstrap:AdminUserName"] = "admin",
            ["IdentityCenter:Bootstrap:AdminPassword"] = "Bootstrap-Passw0rd!",
        });
        builder.Services.AddLogging();
        builder.AddIdentityCenterInfrastructure();
        builder.AddIdentityCenterDirectory();
        builder.AddIdentityCenterAccessModel();
        using var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();
        await host.Services.InitializeIdentityCenterDirectoryAsync(TextWriter.Null);
        if (seedWorkshop)
        {
            Assert.True((await host.Services.SeedIdentityCenterWorkshopAsync(reset: false)).Succeeded);
        }
    }

    [Fact]
    public async Task Export_ThenImportIntoAnotherDataDirectory_ExportsTheSameDocument()
    {
        var file = Path.Combine(root, "environment.json");
        var exported = await CliRunner.RunAsync("", "export", "--data-dir", Seeded, "--out", file);
        Assert.True(exported.Code == 0, exported.Stderr);

        var imported = await CliRunner.RunAsync("", "import", file, "--data-dir", Empty);
        Assert.True(imported.Code == 0, imported.Stderr);
        Assert.StartsWith("UserName\tOneTimePassword\n", imported.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("ben.dev\t", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("[1/", imported.Stderr, StringComparison.Ordinal);

        var again = await CliRunner.RunAsync("", "export", "--data-dir", Empty);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.Equal(Comparable(await File.ReadAllTextAsync(file)), Comparable(again.Stdout));

        // Importing the same document twice is refused (the accounts exist now), with paths, and changes nothing.
        var twice = await CliRunner.RunAsync("", "import", file, "--data-dir", Empty);
        Assert.Equal(1, twice.Code);
        Assert.Contains("$.organization.", twice.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", twice.Stderr, StringComparison.Ordinal);
        Assert.Equal(Comparable(again.Stdout), Comparable((await CliRunner.RunAsync("", "export", "--data-dir", Empty)).Stdout));
    }

    [Fact]
    public async Task ExportTerraform_AndDryRun_WriteWithoutChangingAnything()
    {
        var terraform = await CliRunner.RunAsync("", "export", "--format", "terraform", "--data-dir", Seeded);
        Assert.True(terraform.Code == 0, terraform.Stderr);
        Assert.Contains("resource \"aws_ssoadmin_account_assignment\"", terraform.Stdout, StringComparison.Ordinal);

        var json = (await CliRunner.RunAsync("", "export", "--data-dir", Seeded)).Stdout;
        var dryRun = await CliRunner.RunAsync(json, "import", "-", "--dry-run", "--data-dir", Empty);
        Assert.True(dryRun.Code == 0, dryRun.Stderr);
        Assert.Contains("create\tpermission set\tDataAnalyst", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("reuse \tuser\tadmin", dryRun.Stdout, StringComparison.Ordinal);
        var empty = await CliRunner.RunAsync("", "export", "--data-dir", Empty);
        Assert.Empty(JsonNode.Parse(empty.Stdout)!["permissionSets"]!.AsArray());
    }

    [Fact]
    public async Task BadInput_GetsClearMessages_AndExitCodes()
    {
        var missing = await CliRunner.RunAsync("", "export", "--data-dir", Path.Combine(root, "nope"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("does not exist", missing.Stderr, StringComparison.Ordinal);

        var bare = Path.Combine(root, "bare");
        Directory.CreateDirectory(bare);
        var noDatabase = await CliRunner.RunAsync("", "import", "-", "--data-dir", bare);
        Assert.Equal(1, noDatabase.Code);
        Assert.Contains("no IdentityCenter database", noDatabase.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, (await CliRunner.RunAsync("", "import", "--data-dir", Empty)).Code);
        Assert.Equal(2, (await CliRunner.RunAsync("", "export", "--format", "yaml")).Code);
        Assert.Equal(2, (await CliRunner.RunAsync("", "event", "start")).Code);
        Assert.Equal(2, (await CliRunner.RunAsync("", "event", "end")).Code);

        var broken = await CliRunner.RunAsync("""{"schema":"identitycenter-environment","schemaVersion":1,"users":[{"userName":"x"}]}""", "import", "-", "--data-dir", Empty);
        Assert.Equal(1, broken.Code);
        Assert.Contains("$.users[0]", broken.Stderr, StringComparison.Ordinal);

        var unknown = await CliRunner.RunAsync("", "event", "end", "No Such Event", "--data-dir", Seeded);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("no event with the id or name 'No Such Event'", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_CreateCardsEnd_OnADataDirectory()
    {
        var cards = Path.Combine(root, "cards.html");
        var created = await CliRunner.RunAsync("", "event", "create", "--name", "CLI workshop", "--starts", "2020-01-01T09:00:00Z", "--ends", "2099-01-01T17:00:00Z",
            "--attendees", "3", "--prefix", "cli", "--group", "Workshop-Developers", "--permission-set", "PowerUser", "--account", "Sandbox",
            "--out", cards, "--data-dir", Seeded);
        Assert.True(created.Code == 0, created.Stderr);
        var html = await File.ReadAllTextAsync(cards);
        Assert.Equal(3, html.Split("class=\"card\"").Length - 1);
        Assert.Contains("cli001", html, StringComparison.Ordinal);

        var regenerated = await CliRunner.RunAsync("", "event", "cards", "CLI workshop", "--data-dir", Seeded);
        Assert.True(regenerated.Code == 0, regenerated.Stderr);
        var lines = regenerated.Stdout.ReplaceLineEndings("\n").Trim().Split('\n');
        Assert.Equal(["UserName\tOneTimePassword", "cli001", "cli002", "cli003"], lines.Select(l => l.Split('\t')[0] == "UserName" ? l : l.Split('\t')[0]));

        var wrongGroup = await CliRunner.RunAsync("", "event", "create", "--name", "x", "--starts", "2020-01-01T09:00:00Z", "--ends", "2099-01-01T17:00:00Z",
            "--attendees", "3", "--prefix", "x", "--group", "No-Such-Group", "--data-dir", Seeded);
        Assert.Equal(1, wrongGroup.Code);
        Assert.Contains("there is no group named 'No-Such-Group'", wrongGroup.Stderr, StringComparison.Ordinal);

        var ended = await CliRunner.RunAsync("", "event", "end", "CLI workshop", "--data-dir", Seeded);
        Assert.True(ended.Code == 0, ended.Stderr);
        Assert.Equal(1, (await CliRunner.RunAsync("", "event", "end", "CLI workshop", "--data-dir", Seeded)).Code);
    }

    [Theory]
    [InlineData("export")]
    [InlineData("import")]
    [InlineData("event")]
    public async Task EveryCommand_HasHelp(string command)
    {
        var (code, stdout, _) = await CliRunner.RunAsync("", command, "--help");
        Assert.Equal(0, code);
        Assert.Contains($"identitycenter {command}", stdout, StringComparison.Ordinal);
        Assert.Contains("--data-dir", stdout, StringComparison.Ordinal);
    }

    /// <summary>The document without when and from where it was exported.</summary>
    private static string Comparable(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("exportedAt");
        node.Remove("exportedFrom");
        return node.ToJsonString();
    }
}
