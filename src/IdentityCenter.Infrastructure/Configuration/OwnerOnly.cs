namespace IdentityCenter.Infrastructure.Configuration;

/// <summary>
/// Owner-only permissions for the data folder and the files that hold secrets (the SQLite database and
/// its companions, the key file): 0700 for folders, 0600 for files. No-ops on Windows, where the
/// folder's access control list decides.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupAndOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>SQLite's companion files of a database file (write-ahead log, shared memory, rollback journal).</summary>
    public static readonly IReadOnlyList<string> SqliteCompanionSuffixes = ["-wal", "-shm", "-journal"];

    /// <summary>Creates the folder (and missing parents) as 0700; an existing folder keeps its permissions.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Options that create a new file as 0600 (and fail when it exists).</summary>
    public static FileStreamOptions NewFile()
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Whether group or others may use the file or folder (always false on Windows or when it does not exist).</summary>
    public static bool IsOpenToOthers(string path) =>
        !OperatingSystem.IsWindows() && Path.Exists(path) && (File.GetUnixFileMode(path) & GroupAndOthers) != 0;

    /// <summary>
    /// Takes group and other permissions off an existing file. Null when the file is owner-only now (or
    /// does not exist); otherwise why it could not be changed.
    /// </summary>
    public static string? Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !IsOpenToOthers(path))
        {
            return null;
        }

        try
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) & ~GroupAndOthers);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>
    /// Prepares a SQLite database file before the first connection opens it: creates it empty as 0600
    /// when it does not exist (SQLite gives its journal, WAL and shared-memory files the database file's
    /// permissions), or takes group and other permissions off it and its companions when it does.
    /// Returns what could not be restricted.
    /// </summary>
    public static IReadOnlyList<string> PrepareSqliteFile(string databasePath)
    {
        var problems = new List<string>();
        if (!File.Exists(databasePath))
        {
            try
            {
                using var created = new FileStream(databasePath, NewFile());
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Another process created it first: restrict it below like any existing file.
            }
        }

        foreach (var path in SqliteCompanionSuffixes.Select(s => databasePath + s).Prepend(databasePath))
        {
            if (Restrict(path) is { } error)
            {
                problems.Add($"'{path}' is readable by other users and its permissions could not be changed ({error}).");
            }
        }

        return problems;
    }
}
