using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Mathematics.OutlierDetection;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// One query per iteration (InvocationCount = 1, UnrollFactor = 1), so the iteration statistics are the latency
/// distribution of single queries rather than of averages; pinned to one core (affinity mask 1 = CPU 0; run the host
/// with <c>taskset -c 1</c> so that reading each result between iterations happens on the other core).
/// </summary>
internal sealed class SingleQueryLatencyConfig : ManualConfig
{
    public SingleQueryLatencyConfig()
    {
        AddJob(Job.Default
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithWarmupCount(300)
            .WithIterationCount(3000)
            .WithAffinity(new IntPtr(1))
            // BenchmarkDotNet's default forces two full blocking collections around every iteration, i.e. around
            // every query here; the query after them took ~2× as long (all-eval median 0.95 → 0.52 ms, en-title
            // 0.82 → 0.40 ms, back to back on one core). The service never does that: it runs Server GC without
            // DATAS, with its heap cap (MangaAssist.Orchestrator.csproj), and collects when its budget is spent. (Under
            // `taskset -c 1` the child starts on one CPU, where the runtime falls back to workstation GC, as the
            // service would on one core.)
            .WithGcForce(false)
            .WithGcServer(true)
            .WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_GCDynamicAdaptationMode", "0"),
                new EnvironmentVariable("DOTNET_GCHeapHardLimit", "0x16000000"),
                new EnvironmentVariable("DOTNET_GCConserveMemory", "9"))
            // The tail is what is measured: BenchmarkDotNet's default drops slow iterations (Tukey's fence), about
            // 1 % of them here, which is the p99 itself.
            .WithOutlierMode(OutlierMode.DontRemove)
            .WithId("OneQueryPerIteration"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogger(ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub);
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);

        // The generated project builds the whole reference graph; on a busy shared machine that takes more than
        // BenchmarkDotNet's default two minutes.
        WithBuildTimeout(TimeSpan.FromMinutes(15));
    }

    /// <summary>BenchmarkDotNet has P0…P100 columns in steps; p99 is the one the issue asks for.</summary>
    private sealed class PercentileColumn(int percentile) : IColumn
    {
        public string Id => $"P{percentile}";

        public string ColumnName => $"P{percentile}";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => percentile;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => $"Percentile {percentile} of single-query latency";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null)
            {
                return "NA";
            }

            var nanoseconds = statistics.Percentiles.Percentile(percentile);
            return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{nanoseconds / 1000.0:N1} μs");
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
