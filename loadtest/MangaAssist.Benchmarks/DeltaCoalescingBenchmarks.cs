using BenchmarkDotNet.Attributes;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Benchmarks;

/// <summary>
/// The coalescer's own cost per answer: the model's tokens appended, batches handed to a sender that
/// delivers at once. A zero flush interval removes the waiting, which is time, not work.
/// </summary>
[ShortJob]
public class DeltaCoalescingBenchmarks
{
    private string[] _tokens = [];

    [Params(80, 1000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup() => _tokens = [.. Enumerable.Range(0, Tokens).Select(i => i % 2 == 0 ? "おすすめは" : "manga ")];

    /// <summary>Every token appended while the pump runs: many small batches, as when tokens arrive slower than the sender.</summary>
    [Benchmark]
    public async Task<int> AppendWhilePumping()
    {
        var coalescer = new DeltaCoalescer(static () => TimeSpan.Zero, 2048, TimeProvider.System);
        var batches = 0;
        var pump = coalescer.PumpAsync((_, _) =>
        {
            batches++;
            return ValueTask.FromResult(DeliveryResult.Delivered);
        }, CancellationToken.None);
        foreach (var token in _tokens)
        {
            coalescer.Append(token);
            await Task.Yield();
        }

        coalescer.Complete();
        await pump;
        return batches;
    }

    /// <summary>All tokens pending before the pump runs: the threshold cuts them into 2,048-character batches.</summary>
    [Benchmark]
    public async Task<int> AppendThenPump()
    {
        var coalescer = new DeltaCoalescer(static () => TimeSpan.Zero, 2048, TimeProvider.System);
        foreach (var token in _tokens)
        {
            coalescer.Append(token);
        }

        coalescer.Complete();
        var characters = 0;
        await coalescer.PumpAsync((batch, _) =>
        {
            characters += batch.Length;
            return ValueTask.FromResult(DeliveryResult.Delivered);
        }, CancellationToken.None);
        return characters;
    }
}
