using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// Bytes allocated per query, averaged over many invocations (the single-query job cannot measure allocations).
/// Same setup as <see cref="EmbeddedSearchBenchmarks"/>: precomputed query vectors, one core.
/// </summary>
[Config(typeof(AllocationConfig))]
public class EmbeddedSearchAllocationBenchmarks : EmbeddedSearchBenchmarks
{
    private sealed class AllocationConfig : ManualConfig
    {
        public AllocationConfig()
        {
            AddJob(Job.ShortRun.WithAffinity(new IntPtr(1)).WithId("1 core, averaged"));
            AddDiagnoser(MemoryDiagnoser.Default);
            AddLogger(ConsoleLogger.Default);
            AddExporter(MarkdownExporter.GitHub);
            AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance);
        }
    }
}
