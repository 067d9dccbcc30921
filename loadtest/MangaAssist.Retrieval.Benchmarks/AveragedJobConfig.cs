using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>A short job averaged over many invocations on one core, with allocations (the single-query job cannot measure them).</summary>
internal sealed class AveragedJobConfig : ManualConfig
{
    public AveragedJobConfig()
    {
        AddJob(Job.ShortRun.WithAffinity(new IntPtr(1)).WithId("1 core, averaged"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub);
        AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance);

        // The generated project builds the whole reference graph; on a busy shared machine that takes minutes.
        WithBuildTimeout(TimeSpan.FromMinutes(15));
    }
}
