using System.Diagnostics;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Running;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Peers;

/// <summary>
/// One step of the peer comparison: <c>streams</c> closed-loop users, each asking again the moment its answer ends
/// (after a service-suggested <c>retryAfterMs</c>, if any), so that many streams are in flight; or, with a think time,
/// after an exponential pause seeded per user, so both gateways get the same shoppers' pacing, not each its own
/// answer rate. Starts are spread over
/// one answer, so the users are not in step. A warm-up is checked but not measured; the measured window's CPU is read
/// from <c>/proc</c> at both ends for each named process and divided by the answers that ended inside it.
/// </summary>
internal sealed class ClosedLoopPhase(int streams, TimeSpan warmup, TimeSpan duration, TimeSpan answerTime, TimeSpan drain, TimeSpan thinkTime = default)
{
    /// <summary>Asks one question for user <c>id</c> (answer number <c>n</c>) into the given stats; returns a pause the gateway asked for, or null.</summary>
    public delegate Task<TimeSpan?> AskOnce(int id, long n, AnswerStats stats, CancellationToken giveUp);

    private readonly AnswerStats[] _workers = [.. Enumerable.Range(0, 16).Select(_ => new AnswerStats())];
    private readonly AnswerStats _warmup = new();
    private long _endedInWindow;
    private long _unfinished;

    public AnswerStats Measured => AnswerStats.Merge(_workers);

    public AnswerStats Warmup => _warmup;

    /// <summary>Answers still streaming when the drain ran out (not judged).</summary>
    public long Unfinished => Interlocked.Read(ref _unfinished);

    public async Task<PhaseWindow> RunAsync(AskOnce ask, IReadOnlyDictionary<string, int> pids, CancellationToken cancellationToken)
    {
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var giveUp = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var windowStart = warmup;
        var windowEnd = warmup + duration;
        Dictionary<string, ProcStat>? before = null;
        Dictionary<string, ProcStat>? after = null;
        var marks = Task.Run(async () =>
        {
            // Its own clock, not stopSending's: the last read must not lose a race with the stop at the same instant.
            await Task.Delay(windowStart, cancellationToken);
            before = Read(pids);
            var rest = windowEnd - clock.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }

            after = Read(pids);
        }, CancellationToken.None);
        stopSending.CancelAfter(windowEnd);

        var loops = Enumerable.Range(0, streams).Select(async id =>
        {
            try
            {
                await Task.Delay(answerTime * id / streams, stopSending.Token);
                var thinking = new ThinkTimes(thinkTime, seed: id);
                for (long n = 0; !stopSending.IsCancellationRequested; n++)
                {
                    var measured = clock.Elapsed >= windowStart;
                    var pause = await ask(id, n, measured ? _workers[id % _workers.Length] : _warmup, giveUp.Token);
                    var ended = clock.Elapsed;
                    if (ended >= windowStart && ended <= windowEnd)
                    {
                        Interlocked.Increment(ref _endedInWindow);
                    }

                    var wait = pause is { } asked && asked > TimeSpan.Zero ? asked : thinking.Next();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, stopSending.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
            {
                Interlocked.Increment(ref _unfinished);
            }
            catch (OperationCanceledException)
            {
            }
        }).ToList();

        var all = Task.WhenAll(loops);
        await Task.WhenAny(all, Task.Delay(windowEnd + drain, CancellationToken.None));
        await giveUp.CancelAsync();
        await all;
        await marks.ContinueWith(_ => { }, TaskScheduler.Default);
        return new PhaseWindow(duration, Interlocked.Read(ref _endedInWindow), before ?? [], after ?? before ?? []);
    }

    private static Dictionary<string, ProcStat> Read(IReadOnlyDictionary<string, int> pids)
    {
        var stats = new Dictionary<string, ProcStat>(StringComparer.Ordinal);
        foreach (var (name, pid) in pids)
        {
            if (ProcStat.TryRead(pid) is { } stat)
            {
                stats[name] = stat;
            }
        }

        return stats;
    }
}

/// <summary>The measured window: its length, the answers that ended inside it, and each process's CPU ticks at both ends.</summary>
internal sealed record PhaseWindow(TimeSpan Length, long AnswersEnded, IReadOnlyDictionary<string, ProcStat> Before, IReadOnlyDictionary<string, ProcStat> After)
{
    /// <summary>Percent of one core and milliseconds of CPU per answer ended in the window, per process.</summary>
    public IReadOnlyDictionary<string, ProcessCpu> Cpu()
    {
        var cpu = new SortedDictionary<string, ProcessCpu>(StringComparer.Ordinal);
        foreach (var (name, start) in Before)
        {
            if (!After.TryGetValue(name, out var end))
            {
                continue;
            }

            var seconds = (end.CpuTicks - start.CpuTicks) / (double)ProcStat.TicksPerSecond;
            cpu[name] = new ProcessCpu(
                Math.Round(seconds * 100 / Length.TotalSeconds, 1),
                AnswersEnded == 0 ? 0 : Math.Round(seconds * 1000 / AnswersEnded, 2));
        }

        return cpu;
    }
}

/// <summary>A process's CPU in the measured window: percent of one core, and CPU milliseconds per answer.</summary>
internal sealed record ProcessCpu(double PercentOfOneCore, double MsPerAnswer);
