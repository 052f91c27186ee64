namespace IdentityCenter.Web.Tests.TestHost;

/// <summary>Temporary folders of test hosts.</summary>
public static class TestFolders
{
    /// <summary>
    /// Deletes the folder, best effort: a background writer finishing after shutdown (SQLite WAL files)
    /// may still hold a file for a moment, and a leftover temporary folder must not fail the test run.
    /// </summary>
    public static void TryDelete(string path)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
