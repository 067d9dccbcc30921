namespace MangaAssist.Telemetry.Tests.Support;

/// <summary>The checkout this test runs from: its root and the apps' build output in this test's configuration.</summary>
internal static class Repository
{
    /// <summary>The first directory above the test binaries that holds Orchestrator.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of <c>src/{project}/bin/{configuration}/net10.0/{project}.dll</c> (the solution build puts it there).</summary>
    public static string Dll(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project}.dll ({configuration}) was not found; build the solution first.", dll);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Orchestrator.sln above {AppContext.BaseDirectory}.");
    }
}
