using System.Diagnostics;

namespace MangaAssist.LoadTest.Stack;

/// <summary>Samples the CPU and memory of named processes once a second while the load runs.</summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, int> _pids;
    private readonly Dictionary<string, ProcessUsage> _usage = [];
    private readonly Dictionary<string, (long At, ProcStat Stat)> _previous = [];
    private readonly Dictionary<string, (long At, ProcStat Stat)> _first = [];
    private readonly Dictionary<string, (long At, ProcStat Stat)> _windowStart = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private bool _disposed;

    public ProcessSampler(IReadOnlyDictionary<string, int> pids)
    {
        _pids = pids;
        foreach (var name in pids.Keys)
        {
            _usage[name] = new ProcessUsage(name, pids[name]);
        }
    }

    public void Start() => _loop = LoopAsync(_stop.Token);

    /// <summary>The latest figures per process (name → usage).</summary>
    public IReadOnlyDictionary<string, ProcessUsage> Snapshot()
    {
        lock (_gate)
        {
            return _usage.ToDictionary(p => p.Key, p => p.Value with { });
        }
    }

    /// <summary>Reads every process now as the measured window's start: the warm-up's JIT and connection set-up stay out of the window's CPU.</summary>
    public void MarkWindowStart()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var (name, pid) in _pids)
            {
                if (ProcStat.TryRead(pid) is { } stat)
                {
                    _windowStart[name] = (now, stat);
                }
            }
        }
    }

    /// <summary>Reads every process now as the measured window's end (sending stopped): CPU seconds and percent of one core in between.</summary>
    public void MarkWindowEnd()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var (name, pid) in _pids)
            {
                if (_windowStart.TryGetValue(name, out var start) && ProcStat.TryRead(pid) is { } stat)
                {
                    var cpuSeconds = (stat.CpuTicks - start.Stat.CpuTicks) / (double)ProcStat.TicksPerSecond;
                    var seconds = Stopwatch.GetElapsedTime(start.At, now).TotalSeconds;
                    _usage[name] = _usage[name] with { WindowCpuSeconds = cpuSeconds, WindowCpuPercent = seconds <= 0 ? 0 : cpuSeconds * 100 / seconds };
                }
            }
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var (name, pid) in _pids)
            {
                if (ProcStat.TryRead(pid) is not { } stat)
                {
                    continue;
                }

                var usage = _usage[name];
                if (_previous.TryGetValue(name, out var previous))
                {
                    var seconds = Stopwatch.GetElapsedTime(previous.At, now).TotalSeconds;
                    var percent = seconds <= 0 ? 0 : (stat.CpuTicks - previous.Stat.CpuTicks) * 100.0 / ProcStat.TicksPerSecond / seconds;
                    usage = usage with { CpuMaxPercent = Math.Max(usage.CpuMaxPercent, percent), CpuLastPercent = percent };
                }
                else
                {
                    _first[name] = (now, stat);
                }

                var first = _first[name];
                var elapsed = Stopwatch.GetElapsedTime(first.At, now).TotalSeconds;
                _usage[name] = usage with
                {
                    CpuAveragePercent = elapsed <= 0 ? 0 : (stat.CpuTicks - first.Stat.CpuTicks) * 100.0 / ProcStat.TicksPerSecond / elapsed,
                    RssMb = stat.RssKb / 1024.0,
                    RssMaxMb = Math.Max(usage.RssMaxMb, stat.RssKb / 1024.0),
                    PeakRssMb = stat.HwmKb / 1024.0,
                    Samples = usage.Samples + 1,
                };
                _previous[name] = (now, stat);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        Sample();
        _stop.Dispose();
    }
}

/// <summary>One process's CPU (percent of one core; 200 % is both cores of this machine) and memory.</summary>
internal sealed record ProcessUsage(string Name, int Pid)
{
    public double CpuAveragePercent { get; init; }

    public double CpuMaxPercent { get; init; }

    public double CpuLastPercent { get; init; }

    public double RssMb { get; init; }

    /// <summary>Largest VmRSS seen by the once-a-second samples.</summary>
    public double RssMaxMb { get; init; }

    /// <summary>VmHWM: the kernel's own peak resident set since the process started.</summary>
    public double PeakRssMb { get; init; }

    public int Samples { get; init; }

    /// <summary>CPU seconds used between the measured window's start and the end of sending; null when no window was marked.</summary>
    public double? WindowCpuSeconds { get; init; }

    /// <summary>Percent of one core over the measured window alone (warm-up and drain left out).</summary>
    public double? WindowCpuPercent { get; init; }
}
