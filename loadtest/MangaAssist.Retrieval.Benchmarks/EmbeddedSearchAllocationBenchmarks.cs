using BenchmarkDotNet.Attributes;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// Bytes allocated per query, averaged over many invocations (the single-query job cannot measure allocations).
/// Same setup as <see cref="EmbeddedSearchBenchmarks"/>: precomputed query vectors, one core.
/// </summary>
[Config(typeof(AveragedJobConfig))]
public class EmbeddedSearchAllocationBenchmarks : EmbeddedSearchBenchmarks;
