using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Architecture;

public sealed class FileSizeTests
{
    /// <summary>The project's rule: a file holds one idea, and no file under src/ is longer than this.</summary>
    private const int MaxLines = 300;

    [Fact]
    public void ServiceSourceFiles_AreAtMost300Lines()
    {
        // The service only: files of other projects above the limit belong to their own renovation.
        var tooLong = SourceTree.CSharpFiles(SourceTree.ServiceSources)
            .Select(f => (f.FullName, Lines: File.ReadLines(f.FullName).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{Path.GetRelativePath(SourceTree.SrcRoot.FullName, f.FullName)} ({f.Lines} lines)")
            .ToList();

        tooLong.ShouldBeEmpty();
    }
}
