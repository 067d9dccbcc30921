namespace MangaAssist.Page.Tests.Support;

/// <summary>The checkout this test run was built from: where screenshots go and where clients/js lives.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>
    /// Where a README screenshot is written: docs/images when <c>UPDATE_README_SCREENSHOTS=1</c> asks for new ones,
    /// otherwise the test output, so an ordinary run leaves the work tree as it found it.
    /// </summary>
    public static string ScreenshotPath(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("UPDATE_README_SCREENSHOTS") == "1"
            ? System.IO.Path.Combine(Path, "docs", "images")
            : System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, fileName);
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orchestrator.sln above {AppContext.BaseDirectory}.");
    }
}
