using BenchmarkDotNet.Running;
using MangaAssist.Retrieval.Benchmarks;

// dotnet run -c Release --project loadtest/MangaAssist.Retrieval.Benchmarks -- --filter '*'
// EmbeddedSearchBenchmarks: single-query latency (p50/p95/p99); EmbeddedSearchAllocationBenchmarks: bytes per query.
BenchmarkSwitcher.FromAssembly(typeof(EmbeddedSearchBenchmarks).Assembly).Run(args);
