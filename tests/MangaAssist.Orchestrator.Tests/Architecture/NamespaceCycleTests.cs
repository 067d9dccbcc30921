using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Projects => [.. SourceTree.Projects.Select(p => p.Name)];

    [Fact]
    public void Projects_FindsEveryProjectUnderSrc()
    {
        // A wrong src/ lookup would make the theory below pass on nothing.
        SourceTree.Projects.Count().ShouldBeGreaterThan(5);
        SourceTree.Projects.Select(p => p.Name).ShouldContain("MangaAssist.Orchestrator");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectNamespaces_HaveNoCycle(string project)
    {
        var sources = SourceTree.CSharpFiles(new DirectoryInfo(Path.Combine(SourceTree.SrcRoot.FullName, project)));
        var graph = NamespaceGraph.Read(project, sources.Select(f => (f.FullName, File.ReadAllText(f.FullName))));

        var cycle = graph.FindCycle();

        cycle.ShouldBeNull($"namespace cycle in {project}: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void FindCycle_TwoNamespacesUsingEachOther_ReportsTheCycle()
    {
        var graph = NamespaceGraph.Read("MangaAssist.Orchestrator", [
            ("a.cs", "using MangaAssist.Orchestrator.B;\nnamespace MangaAssist.Orchestrator.A;\npublic sealed class Alpha;"),
            ("b.cs", "namespace MangaAssist.Orchestrator.B;\npublic sealed class Beta { A.Alpha? _a; }"),
        ]);

        graph.FindCycle().ShouldBe(["MangaAssist.Orchestrator.A", "MangaAssist.Orchestrator.B", "MangaAssist.Orchestrator.A"]);
    }

    [Fact]
    public void FindCycle_CycleInAnotherProject_ReportsTheCycle()
    {
        var graph = NamespaceGraph.Read("MangaAssist.SharedState", [
            ("a.cs", "using MangaAssist.SharedState.Redis;\nnamespace MangaAssist.SharedState.FrameLog;\npublic sealed class FrameLog;"),
            ("b.cs", "namespace MangaAssist.SharedState.Redis;\npublic sealed class Gateway { MangaAssist.SharedState.FrameLog.FrameLog? _log; }"),
        ]);

        graph.FindCycle().ShouldBe(["MangaAssist.SharedState.FrameLog", "MangaAssist.SharedState.Redis", "MangaAssist.SharedState.FrameLog"]);
    }

    [Fact]
    public void FindCycle_OtherProjectsNamespaces_AreNotFollowed()
    {
        // Orchestrator.A uses SharedState.B and SharedState.B uses Orchestrator.A: two projects, no cycle inside one.
        var graph = NamespaceGraph.Read("MangaAssist.Orchestrator", [
            ("a.cs", "using MangaAssist.SharedState.B;\nnamespace MangaAssist.Orchestrator.A;\npublic sealed class Alpha;"),
            ("c.cs", "using MangaAssist.Orchestrator.A;\nnamespace MangaAssist.Orchestrator.C;\npublic sealed class Gamma;"),
        ]);

        graph.FindCycle().ShouldBeNull();
    }

    [Fact]
    public void FindCycle_LayeredNamespaces_FindsNone()
    {
        var graph = NamespaceGraph.Read("MangaAssist.Orchestrator", [
            ("a.cs", "using MangaAssist.Orchestrator.B;\nnamespace MangaAssist.Orchestrator.A;\npublic sealed class Alpha;"),
            ("b.cs", "namespace MangaAssist.Orchestrator.B;\npublic sealed class Beta { Options.Create(); }"),
        ]);

        graph.FindCycle().ShouldBeNull();
    }
}
