namespace MangaAssist.Orchestrator.Tests.Architecture;

/// <summary>The service's source files, found from the test's output folder up to the repository root.</summary>
internal static class SourceTree
{
    public static DirectoryInfo ServiceSources => new(Path.Combine(SrcRoot.FullName, "MangaAssist.Orchestrator"));

    public static DirectoryInfo SrcRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var src = new DirectoryInfo(Path.Combine(directory.FullName, "src"));
                if (src.Exists && Directory.Exists(Path.Combine(src.FullName, "MangaAssist.Orchestrator")))
                {
                    return src;
                }
            }

            throw new DirectoryNotFoundException($"No src/MangaAssist.Orchestrator above {AppContext.BaseDirectory}.");
        }
    }

    public static IEnumerable<FileInfo> CSharpFiles(DirectoryInfo root) =>
        root.EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .Where(f => !f.FullName.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.FullName.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
