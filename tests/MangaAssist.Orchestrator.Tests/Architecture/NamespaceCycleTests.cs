using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    [Fact]
    public void ServiceNamespaces_HaveNoCycle()
    {
        var graph = NamespaceGraph.Read(SourceTree.CSharpFiles(SourceTree.ServiceSources).Select(f => (f.FullName, File.ReadAllText(f.FullName))));

        var cycle = graph.FindCycle();

        cycle.ShouldBeNull($"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void FindCycle_TwoNamespacesUsingEachOther_ReportsTheCycle()
    {
        var graph = NamespaceGraph.Read([
            ("a.cs", "using MangaAssist.Orchestrator.B;\nnamespace MangaAssist.Orchestrator.A;\npublic sealed class Alpha;"),
            ("b.cs", "namespace MangaAssist.Orchestrator.B;\npublic sealed class Beta { A.Alpha? _a; }"),
        ]);

        graph.FindCycle().ShouldBe(["MangaAssist.Orchestrator.A", "MangaAssist.Orchestrator.B", "MangaAssist.Orchestrator.A"]);
    }

    [Fact]
    public void FindCycle_LayeredNamespaces_FindsNone()
    {
        var graph = NamespaceGraph.Read([
            ("a.cs", "using MangaAssist.Orchestrator.B;\nnamespace MangaAssist.Orchestrator.A;\npublic sealed class Alpha;"),
            ("b.cs", "namespace MangaAssist.Orchestrator.B;\npublic sealed class Beta { Options.Create(); }"),
        ]);

        graph.FindCycle().ShouldBeNull();
    }
}
