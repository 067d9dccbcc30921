namespace MangaAssist.Telemetry.Tests.Support;

/// <summary>Finds an app's build output in this test's configuration (the solution build puts it there).</summary>
internal static class BuildOutput
{
    /// <summary>The path of <c>src/{project}/bin/{configuration}/net10.0/{project}.dll</c> above the test's own directory.</summary>
    public static string Dll(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var dll = Path.Combine(directory.FullName, "src", project, "bin", configuration, "net10.0", project + ".dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"{project}.dll ({configuration}) was not found above {AppContext.BaseDirectory}.");
    }
}
