namespace MangaAssist.Orchestrator.Tests.Architecture;

/// <summary>The source files under src/, found from the test's output folder up to the repository root.</summary>
internal static class SourceTree
{
    /// <summary>Every project under src/ (a folder holding a .csproj); its name is its root namespace.</summary>
    public static IEnumerable<DirectoryInfo> Projects =>
        SrcRoot.EnumerateDirectories().Where(d => d.EnumerateFiles("*.csproj").Any()).OrderBy(d => d.Name, StringComparer.Ordinal);

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
