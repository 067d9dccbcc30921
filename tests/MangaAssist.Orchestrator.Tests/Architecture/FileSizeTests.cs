using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Architecture;

public sealed class FileSizeTests
{
    /// <summary>The project's rule: a file holds one idea, and no file under src/ is longer than this.</summary>
    private const int MaxLines = 300;

    [Fact]
    public void SourceFiles_UnderSrc_AreAtMost300Lines()
    {
        var files = SourceTree.CSharpFiles(SourceTree.SrcRoot).ToList();
        var tooLong = files
            .Select(f => (f.FullName, Lines: File.ReadLines(f.FullName).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{Path.GetRelativePath(SourceTree.SrcRoot.FullName, f.FullName)} ({f.Lines} lines)")
            .ToList();

        // Every project is looked at, not just the service.
        files.Select(f => Path.GetRelativePath(SourceTree.SrcRoot.FullName, f.FullName).Split(Path.DirectorySeparatorChar)[0]).Distinct()
            .ShouldBe(SourceTree.Projects.Select(p => p.Name), ignoreOrder: true);
        tooLong.ShouldBeEmpty();
    }
}
