using BenchmarkDotNet.Running;
using MangaAssist.Retrieval.Benchmarks;

// dotnet run -c Release --project loadtest/MangaAssist.Retrieval.Benchmarks -- --filter '*'
// EmbeddedSearchBenchmarks: single-query latency (p50/p95/p99); EmbeddedSearchAllocationBenchmarks: bytes per query;
// SearchStageBenchmarks: each stage of a search alone. `-- dump FILE` writes every result for before/after diffs.
if (args is ["dump", var path])
{
    ResultDump.Write(path);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EmbeddedSearchBenchmarks).Assembly).Run(args);
