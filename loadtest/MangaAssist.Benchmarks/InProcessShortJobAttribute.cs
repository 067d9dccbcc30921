using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MangaAssist.Benchmarks;

/// <summary>
/// <see cref="ShortJobAttribute"/>'s iterations, run inside the benchmark process: no generated project to build
/// (which outlasts BenchmarkDotNet's build timeout on a busy 2-core machine). Fit for allocation counts and
/// relative times of I/O-bound calls; not for nanosecond-level comparisons.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class InProcessShortJobAttribute : Attribute, IConfigSource
{
    public InProcessShortJobAttribute() =>
        Config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcessShort"))
            .AddDiagnoser(MemoryDiagnoser.Default);

    public IConfig Config { get; }
}
