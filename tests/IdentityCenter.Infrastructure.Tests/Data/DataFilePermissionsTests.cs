using IdentityCenter.Infrastructure.Configuration;
using IdentityCenter.Infrastructure.Data;

namespace IdentityCenter.Infrastructure.Tests.Data;

/// <summary>The SQLite database and the files SQLite keeps beside it are readable by the owner only.</summary>
public sealed class DataFilePermissionsTests
{
    [Fact]
    public async Task Initialize_NewSqliteDatabase_FileAndCompanionsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var t = await TestDirectory.CreateAsync("Sqlite");
        var database = Path.Combine(t.Folder, "identitycenter.db");

        Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(database));
        var companions = OwnerOnly.SqliteCompanionSuffixes.Select(s => database + s).Where(File.Exists).ToList();
        Assert.Contains(database + "-wal", companions);
        foreach (var path in companions)
        {
            Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task Initialize_DatabaseReadableByOthers_MadeOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var t = await TestDirectory.CreateAsync("Sqlite");
        var database = Path.Combine(t.Folder, "identitycenter.db");
        var open = OwnerOnly.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(database, open);
        File.SetUnixFileMode(database + "-wal", open);

        await t.Root.InitializeDatabaseAsync();

        Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(database));
        Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(database + "-wal"));
    }
}
