namespace MangaAssist.Emulators.Bedrock.Tests.Support;

internal static class RepositoryRoot
{
    /// <summary>The directory holding Orchestrator.sln, found by walking up from the test binaries.</summary>
    public static string Find()
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
