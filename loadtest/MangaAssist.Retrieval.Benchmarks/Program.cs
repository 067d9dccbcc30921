using BenchmarkDotNet.Running;
using MangaAssist.Retrieval.Benchmarks;

// dotnet run -c Release --project loadtest/MangaAssist.Retrieval.Benchmarks -- --filter '*'
// EmbeddedSearchBenchmarks: single-query latency (p50/p95/p99); EmbeddedSearchAllocationBenchmarks: bytes per query;
// SearchStageBenchmarks: each stage of a search alone. `-- dump FILE` writes every result for before/after diffs;
// `-- quick [ROUNDS] [STAGE]` times each stage (or those named STAGE…) in process, for fast iteration;
// `-- latency [ROUNDS] [CASE]` times single queries of a case (EmbeddedSearchBenchmarks' sequence) in process.
// Every mode indexes at the service's embedding size; Retrieval__Embeddings__Dimensions=1024 (or 256) measures another.
if (args is ["dump", var path])
{
    ResultDump.Write(path);
    return;
}

if (args is ["quick", ..] && (args.Length == 1 || int.TryParse(args[1], out _)))
{
    QuickProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20, args.Length > 2 ? args[2] : null);
    return;
}

if (args is ["latency", ..] && (args.Length == 1 || int.TryParse(args[1], out _)))
{
    LatencyProfile.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1, args.Length > 2 ? args[2] : "all-eval");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EmbeddedSearchBenchmarks).Assembly).Run(args);
