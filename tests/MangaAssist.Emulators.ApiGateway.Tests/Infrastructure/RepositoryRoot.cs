namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>The checkout's root: the first directory above the test binaries that holds Orchestrator.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Orchestrator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException($"Could not find the repository root (Orchestrator.sln) above {AppContext.BaseDirectory}.");
    }
}
