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
    private readonly InFlightAtSignals _inFlight = new();

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
    public IReadOnlyList<SpanningAnswers> Spanning => _inFlight.Signals;

    /// <summary>Runs the kill and the rolling restart on <paramref name="clock"/> (zero = the load's start).</summary>
    public Task RunAsync(Stopwatch clock, CancellationToken cancellationToken) =>
        Task.WhenAll(KillAsync(clock, cancellationToken), RollAsync(clock, cancellationToken));

    /// <inheritdoc cref="InFlightAtSignals.StatsFor"/>
    public AnswerStats? StatsFor(AnswerTracker answer) => _inFlight.StatsFor(answer);

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

            if (!await StartAgainAsync(service, cancellationToken) && !await StartAgainAsync(service, cancellationToken))
            {
                Note(clock, "not restarted", service.Name, "it was not ready twice; the run goes on without it");
                continue;
            }

            Note(clock, "ready", service.Name, $"pid {service.ProcessId}");
            await stack.WaitForTargetAsync(service.ServiceUrl, TimeSpan.FromSeconds(60), cancellationToken);
            Note(clock, "in service", service.Name, "the gateway's health check passed");
        }
    }

    /// <summary>Starts the stopped service; false when it did not become ready (a timed-out probe on a saturated machine, or an exit).</summary>
    private static async Task<bool> StartAgainAsync(LocalEdge.Stack.Fleet.ServiceProcess service, CancellationToken cancellationToken)
    {
        try
        {
            await service.RestartAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is InvalidOperationException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
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
        _inFlight.Add(Note(clock, what, service, detail));
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
