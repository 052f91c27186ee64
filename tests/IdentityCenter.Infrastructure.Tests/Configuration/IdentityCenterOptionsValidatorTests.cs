using IdentityCenter.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace IdentityCenter.Infrastructure.Tests.Configuration;

public sealed class IdentityCenterOptionsValidatorTests : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("ic-config-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    private IReadOnlyList<string> Problems(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return IdentityCenterOptionsValidator.FindProblems(configuration, _root);
    }

    [Fact]
    public void FindProblems_Defaults_NoneAndDataDirectoryCreated()
    {
        var problems = Problems();

        Assert.Empty(problems);
        Assert.True(System.IO.Directory.Exists(Path.Combine(_root, "data")));
    }

    [Fact]
    public void FindProblems_Defaults_DataDirectoryCreatedOwnerOnly()
    {
        Assert.Empty(Problems());

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerOnly.DirectoryMode, File.GetUnixFileMode(Path.Combine(_root, "data")));
        }
    }

    [Fact]
    public void FindProblems_DamagedKeyFile_NamesTheFileAndWhatToDo()
    {
        System.IO.Directory.CreateDirectory(Path.Combine(_root, "data"));
        File.WriteAllText(Path.Combine(_root, "data", "keyring.key"), "not a key");

        var problem = Assert.Single(Problems());

        Assert.StartsWith($"IdentityCenter:DataProtection:KeyFile: '{Path.Combine(_root, "data", "keyring.key")}' is not an IdentityCenter key file", problem, StringComparison.Ordinal);
        Assert.Contains("Restore the file", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_KeyFileInFolderThatDoesNotExist_SaysCreateIt()
    {
        var problem = Assert.Single(Problems(("IdentityCenter:DataProtection:KeyFile", "secrets/keyring.key")));

        Assert.StartsWith("IdentityCenter:DataProtection:KeyFile: the folder of", problem, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "secrets", "keyring.key"), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_UnknownKey_NamesKeyAndListsKnownSettings()
    {
        var problems = Problems(("IdentityCenter:DataDir", "/tmp/x"));

        var problem = Assert.Single(problems);
        Assert.Contains("IdentityCenter:DataDir: unknown setting", problem, StringComparison.Ordinal);
        Assert.Contains("DataDirectory", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_UnknownNestedKey_NamesFullPath()
    {
        var problems = Problems(("IdentityCenter:Database:Flavour", "x"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("IdentityCenter:Database:Flavour: unknown setting", problem, StringComparison.Ordinal);
        Assert.Contains("Provider", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_SeveralProblems_ReportsEveryOne()
    {
        var problems = Problems(
            ("IdentityCenter:Colour", "blue"),
            ("IdentityCenter:Database:Flavour", "x"),
            ("IdentityCenter:Other", "1"));

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void FindProblems_UnknownKeyAndBadProvider_ReportsBoth()
    {
        var problems = Problems(("IdentityCenter:Colour", "blue"), ("IdentityCenter:Database:Provider", "Oracle"));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:Colour", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Oracle' is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void FindProblems_UnsupportedProvider_SaysWhichAreSupported()
    {
        var problems = Problems(("IdentityCenter:Database:Provider", "Oracle"));

        var problem = Assert.Single(problems);
        Assert.Contains("'Oracle' is not supported", problem, StringComparison.Ordinal);
        Assert.Contains("Sqlite", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_DataDirectoryUnderAFile_SaysPathCannotBeCreated()
    {
        var file = Path.Combine(_root, "occupied");
        File.WriteAllText(file, "not a folder");

        var problems = Problems(("IdentityCenter:DataDirectory", Path.Combine(file, "data")));

        var problem = Assert.Single(problems);
        Assert.Contains("cannot be created or written", problem, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(file, "data"), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_EmptyDataDirectory_SaysToSetIt()
    {
        var problems = Problems(("IdentityCenter:DataDirectory", ""));

        Assert.Contains(problems, p => p.Contains("DataDirectory is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void FindProblems_MissingSharedWebRoot_NamesTheFolder()
    {
        var problems = Problems(("IdentityCenter:SharedWebRoot", "no-such-folder"));

        var problem = Assert.Single(problems);
        Assert.Contains(Path.Combine(_root, "no-such-folder"), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_SectionWhereValueExpected_SaysSo()
    {
        var problems = Problems(("IdentityCenter:DataDirectory:Path", "x"));

        var problem = Assert.Single(problems);
        Assert.Contains("expected a single", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveSqliteConnectionString_Default_PointsIntoDataDirectory()
    {
        var options = new IdentityCenterOptions { DataDirectory = "state" };

        var connectionString = options.ResolveSqliteConnectionString(_root);

        Assert.Contains(Path.Combine(_root, "state", "identitycenter.db"), connectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_TokenLifetimeShorterThanLongestSession_SaysRevocationsWouldExpireEarly()
    {
        var problems = Problems(("IdentityCenter:Credentials:MaxTokenLifetime", "04:00:00"));

        var problem = Assert.Single(problems);
        Assert.Contains("Credentials:MaxTokenLifetime", problem, StringComparison.Ordinal);
        Assert.Contains("at least 12:00:00", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_ZeroMaintenanceInterval_AsksForAPositiveSpan()
    {
        var problems = Problems(("IdentityCenter:Credentials:MaintenanceInterval", "00:00:00"));

        Assert.Contains("MaintenanceInterval", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_BootstrapAccessKeyWellFormed_None() =>
        Assert.Empty(Problems(
            ("IdentityCenter:Bootstrap:AdminAccessKeyId", "AKIAIOSFODNN7EXAMPLE"),
            ("IdentityCenter:Bootstrap:AdminSecretAccessKey", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));

    [Fact]
    public void FindProblems_BootstrapAccessKeyIdWithoutSecret_SaysSetBothOrNeither()
    {
        var problem = Assert.Single(Problems(("IdentityCenter:Bootstrap:AdminAccessKeyId", "AKIAIOSFODNN7EXAMPLE")));

        Assert.Equal("IdentityCenter:Bootstrap:AdminAccessKeyId is set but IdentityCenter:Bootstrap:AdminSecretAccessKey is not. Set both to give the bootstrap administrator a known access key, or neither.", problem);
        Assert.Contains("AdminSecretAccessKey is set but", Assert.Single(Problems(("IdentityCenter:Bootstrap:AdminSecretAccessKey", new string('k', 40)))), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_BootstrapAccessKeyBadIdAndShortSecret_BothReported()
    {
        var problems = Problems(
            ("IdentityCenter:Bootstrap:AdminAccessKeyId", "ASIAIOSFODNN7EXAMPLE"),
            ("IdentityCenter:Bootstrap:AdminSecretAccessKey", "too-short"));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:Bootstrap:AdminAccessKeyId: 'ASIAIOSFODNN7EXAMPLE' is not an access key id. Use AKIA followed by 16", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("IdentityCenter:Bootstrap:AdminSecretAccessKey must be exactly 40 visible ASCII characters without spaces (it has 9)", StringComparison.Ordinal));
    }
}
