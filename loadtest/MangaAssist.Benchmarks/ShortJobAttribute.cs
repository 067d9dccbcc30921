using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace MangaAssist.Benchmarks;

/// <summary>One launch, 3 warm-up and 8 measured iterations, with the memory diagnoser: enough to see the hot paths' cost and allocations in a short run.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ShortJobAttribute : Attribute, IConfigSource
{
    public ShortJobAttribute() =>
        Config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithId("Short"))
            .AddDiagnoser(MemoryDiagnoser.Default);

    public IConfig Config { get; }
}
