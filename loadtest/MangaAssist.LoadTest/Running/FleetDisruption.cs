using System.Diagnostics;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;
using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Running;

/// <summary>
/// What the fleet profile does to its service processes while the load runs — SIGKILL the first one
/// (<c>--kill-after</c>), SIGTERM and restart each in turn (<c>--rolling-restart</c>) — and the answers that were in
/// flight at each signal: an answer sent before it and ended after it is recorded under that event (the first one it
/// spans), whichever task served it, since the client cannot tell which did.
/// </summary>
internal sealed class FleetDisruption(LoadOptions options, StartedStack stack, TextWriter output)
{
    private readonly Lock _gate = new();
    private readonly List<FleetEvent> _events = [];
    private readonly List<SpanningAnswers> _spanning = [];

    public IReadOnlyList<FleetEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The answers in flight at each signal, in event order.</summary>
    public IReadOnlyList<SpanningAnswers> Spanning
    {
        get
        {
            lock (_gate)
            {
                return [.. _spanning];
            }
        }
    }

    /// <summary>Runs the kill and the rolling restart on <paramref name="clock"/> (zero = the load's start).</summary>
    public Task RunAsync(Stopwatch clock, CancellationToken cancellationToken) =>
        Task.WhenAll(KillAsync(clock, cancellationToken), RollAsync(clock, cancellationToken));

    /// <summary>The stats an ended answer belongs in: the first signal it was in flight at, or null (the ordinary ones).</summary>
    public AnswerStats? StatsFor(AnswerTracker answer)
    {
        var ended = answer.TerminalAt ?? Stopwatch.GetTimestamp();
        lock (_gate)
        {
            var spanned = _spanning.FirstOrDefault(s => s.Event.At > answer.SentAt && s.Event.At < ended);
            spanned?.Record(answer);
            return spanned?.Stats;
        }
    }

    private async Task KillAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        if (options.KillAfter is not { } after || stack.Services.Count == 0)
        {
            return;
        }

        if (!await WaitUntilAsync(clock, after, cancellationToken))
        {
            return;
        }

        var victim = stack.Services[0];
        var pid = victim.ProcessId;
        Signal(clock, "SIGKILL", victim.Name, $"pid {pid}");
        victim.Kill();
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        Note(clock, "exited", victim.Name, $"exit code {victim.ExitCode}");
    }

    private async Task RollAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        if (!options.RollingRestart || !await WaitUntilAsync(clock, options.Warmup, cancellationToken))
        {
            return;
        }

        foreach (var service in stack.Services)
        {
            if (!service.HasExited)
            {
                Signal(clock, "SIGTERM", service.Name, $"pid {service.ProcessId}");
                var code = await service.TerminateAsync(TimeSpan.FromSeconds(60), cancellationToken);
                Note(clock, "exited", service.Name, $"exit code {code}");
            }

            await service.RestartAsync(cancellationToken: cancellationToken);
            Note(clock, "ready", service.Name, $"pid {service.ProcessId}");
            await stack.WaitForTargetAsync(service.ServiceUrl, TimeSpan.FromSeconds(60), cancellationToken);
            Note(clock, "in service", service.Name, "the gateway's health check passed");
        }
    }

    private static async Task<bool> WaitUntilAsync(Stopwatch clock, TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = at - clock.Elapsed;
        try
        {
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A signal: answers in flight now are counted under it.</summary>
    private void Signal(Stopwatch clock, string what, string service, string detail)
    {
        var fleetEvent = Note(clock, what, service, detail);
        lock (_gate)
        {
            _spanning.Add(new SpanningAnswers(fleetEvent));
        }
    }

    private FleetEvent Note(Stopwatch clock, string what, string service, string detail)
    {
        var fleetEvent = new FleetEvent(Stopwatch.GetTimestamp(), Math.Round(clock.Elapsed.TotalSeconds, 2), what, service, detail);
        output.WriteLine();
        output.WriteLine($"[fleet] {fleetEvent.Seconds:0.00} s: {what} {service} ({detail})");
        lock (_gate)
        {
            _events.Add(fleetEvent);
        }

        return fleetEvent;
    }
}

/// <summary>Something done to a service process: <see cref="At"/> in Stopwatch ticks, <see cref="Seconds"/> since the load started.</summary>
internal sealed record FleetEvent(long At, double Seconds, string What, string Service, string Detail);

/// <summary>The answers in flight at one signal: their stats (outcomes, violations, text checks) and each one's longest pause.</summary>
internal sealed class SpanningAnswers(FleetEvent fleetEvent)
{
    public FleetEvent Event => fleetEvent;

    public AnswerStats Stats { get; } = new();

    /// <summary>Each answer's longest wait for its next frame, microseconds.</summary>
    public LogLinearHistogram LongestGap { get; } = new();

    public void Record(AnswerTracker answer) => LongestGap.Record(AnswerStats.Micros(answer.LongestGap));
}
