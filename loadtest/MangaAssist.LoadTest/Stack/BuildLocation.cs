namespace MangaAssist.LoadTest.Stack;

/// <summary>Where the stack's build output is: the repository root above this tool, in the tool's own configuration.</summary>
internal sealed record BuildLocation(string RepositoryRoot, string Configuration)
{
    public static BuildLocation Find()
    {
        var baseDirectory = AppContext.BaseDirectory;
        var configuration = baseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            {
                return new BuildLocation(directory.FullName, configuration);
            }
        }

        throw new InvalidOperationException($"No Orchestrator.sln above {baseDirectory}; run the tool from the repository (dotnet run -c Release --project loadtest/MangaAssist.LoadTest).");
    }

    public string Dll(string project)
    {
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; build it first (dotnet build -c {Configuration} src/{project}).", path);
    }
}
