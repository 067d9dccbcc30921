using System.Diagnostics;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Emulators;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;
using MangaAssist.LoadTest.Reporting;
using MangaAssist.LoadTest.Stack;
using MangaAssist.LoadTest.Users;

namespace MangaAssist.LoadTest.Running;

/// <summary>One run: start (or find) the stack, connect the users, send for the duration, drain, report.</summary>
internal sealed class LoadRun(LoadOptions options, TextWriter output)
{
    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];
    private readonly AnswerStats[] _workers = [.. Enumerable.Range(0, 16).Select(_ => new AnswerStats())];
    private readonly AnswerStats _warmup = new();
    private readonly CancellationTokenSource _stopSending = new();
    private readonly CancellationTokenSource _giveUp = new();
    private long _sent;
    private long _inFlight;
    private long _notSent;
    private long _unfinished;
    private long _skipped;
    private long _connectFailures;
    private long _answers;
    private long _peakInFlight;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        StartedStack? stack = null;
        var logPath = Path.Combine(Path.GetTempPath(), $"mangaassist-loadtest-{startedAt:yyyyMMdd-HHmmss}-{options.Profile.Name}.log");
        var run = options;
        if (options.Stack != StackMode.External)
        {
            output.WriteLine($"starting the stack ({options.Stack}); its output goes to {logPath}");
            stack = await StartedStack.StartAsync(options, logPath, cancellationToken);
            run = options with { Target = stack.WebSocketUrl, BedrockControlUrl = stack.BedrockUrl, GatewayControlUrl = stack.GatewayUrl };
        }

        try
        {
            return await RunAgainstAsync(run, stack, startedAt, cancellationToken);
        }
        finally
        {
            if (stack is not null)
            {
                output.WriteLine("stopping the stack");
                await stack.DisposeAsync();
            }
        }
    }

    private async Task<LoadReport> RunAgainstAsync(LoadOptions run, StartedStack? stack, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        using var control = run.BedrockControlUrl is { } bedrockUrl ? new EmulatorControl(bedrockUrl, run.GatewayControlUrl) : null;
        if (control is not null && stack is not null)
        {
            await control.ResetStatsAsync(cancellationToken);
        }

        if (run.Profile.Chaos && control is not null)
        {
            output.WriteLine("setting fault rates on both emulators");
            await control.SetChaosFaultsAsync(cancellationToken);
        }

        var users = new List<VirtualUser>();
        try
        {
            await ConnectAsync(run, users, cancellationToken);
            var pids = new Dictionary<string, int>(stack?.Pids ?? new Dictionary<string, int>()) { ["load-tool"] = Environment.ProcessId, ["machine"] = ProcStat.Machine };
            await using var sampler = new ProcessSampler(pids);
            await using var probe = control is not null && run.ProbeInterval > TimeSpan.Zero
                ? new TimeToFirstTokenProbe(control.BedrockUrl, run.EmulatorTimeToFirstTokenMs, run.ProbeInterval)
                : null;
            await using var verifier = control is not null && run.VerifyText.Enabled ? new TextVerifier(control) : null;
            sampler.Start();
            probe?.Start();

            var clock = Stopwatch.StartNew();
            _stopSending.CancelAfter(run.Warmup + run.Duration);
            using var stopOnCancel = cancellationToken.Register(() => _stopSending.Cancel());
            var sendingTime = TimeSpan.Zero;
            using var stopped = _stopSending.Token.Register(() => sendingTime = clock.Elapsed - run.Warmup);
            using var progress = new ProgressLine(output, run.Progress, () => ProgressText(run, clock.Elapsed, sampler));
            var sending = run.MessagesPerSecond > 0
                ? OpenLoopAsync(run, users, verifier, clock)
                : ClosedLoopAsync(run, users, verifier, clock);
            await sending;

            // Drain: answers in flight may finish; after the drain they are counted as unfinished.
            var drain = Stopwatch.StartNew();
            while (Interlocked.Read(ref _inFlight) > 0 && drain.Elapsed < run.Drain)
            {
                await Task.Delay(50, CancellationToken.None);
            }

            await _giveUp.CancelAsync();
            while (Interlocked.Read(ref _inFlight) > 0)
            {
                await Task.Delay(20, CancellationToken.None);
            }

            var totalTime = clock.Elapsed - run.Warmup;
            progress.Dispose();
            if (verifier is not null)
            {
                output.WriteLine($"checking the last {verifier.Pending} answer texts against the model's transcripts");
                await verifier.CompleteAsync(TimeSpan.FromSeconds(60));
            }

            await sampler.DisposeAsync();
            var (bedrockStats, gatewayStats) = control is not null ? await control.StatsAsync(CancellationToken.None) : (null, null);
            return new LoadReportBuilder(run).Build(new RunFacts(
                startedAt,
                stack?.Description ?? $"external: {run.Target}",
                sendingTime,
                totalTime,
                AnswerStats.Merge(_workers),
                _warmup,
                probe?.Snapshot(),
                probe?.Failures ?? 0,
                sampler.Snapshot(),
                _notSent,
                _unfinished,
                _skipped,
                _connectFailures,
                users.Count,
                Interlocked.Read(ref _peakInFlight),
                verifier?.Dropped ?? 0,
                bedrockStats,
                gatewayStats));
        }
        finally
        {
            if (run.Profile.Chaos && control is not null)
            {
                output.WriteLine("resetting fault rates on both emulators");
                await control.ClearFaultsAsync();
            }

            await Task.WhenAll(users.Select(u => u.DisposeAsync().AsTask()));
        }
    }

    private async Task ConnectAsync(LoadOptions run, List<VirtualUser> users, CancellationToken cancellationToken)
    {
        output.WriteLine($"connecting {run.Users} users to {run.Target} ({run.ConnectsPerSecond}/s)");
        var batch = Math.Max(1, run.ConnectsPerSecond / 10);
        for (var first = 0; first < run.Users; first += batch)
        {
            var tick = Task.Delay(100, cancellationToken);
            var connecting = Enumerable.Range(first, Math.Min(batch, run.Users - first)).Select(async id =>
            {
                var user = new VirtualUser(id, _workers[id % _workers.Length]);
                try
                {
                    await user.ConnectAsync(run.Target!, cancellationToken);
                    return user;
                }
                catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or HttpRequestException)
                {
                    Interlocked.Increment(ref _connectFailures);
                    await user.DisposeAsync();
                    return null;
                }
            });
            users.AddRange((await Task.WhenAll(connecting)).OfType<VirtualUser>());
            await tick;
        }

        if (users.Count == 0)
        {
            throw new InvalidOperationException($"No user could connect to {run.Target}.");
        }
    }

    /// <summary>Messages at a fixed rate, each to a user that is not waiting for an answer; a tick with none free is counted as skipped.</summary>
    private async Task OpenLoopAsync(LoadOptions run, List<VirtualUser> users, TextVerifier? verifier, Stopwatch clock)
    {
        var idle = new System.Collections.Concurrent.ConcurrentQueue<VirtualUser>(users);
        var running = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / run.MessagesPerSecond);
        for (long n = 0; !_stopSending.IsCancellationRequested; n++)
        {
            var due = interval * n;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, _stopSending.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            if (!idle.TryDequeue(out var user))
            {
                Interlocked.Increment(ref _skipped);
                continue;
            }

            if (!TryClaimMessage(run))
            {
                break;
            }

            running.Add(AskThenReturnAsync(user));
            if (running.Count > 4096)
            {
                running.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(running);

        async Task AskThenReturnAsync(VirtualUser user)
        {
            await AskOnceAsync(run, user, verifier, clock);
            if (user.IsOpen)
            {
                idle.Enqueue(user);
            }
        }
    }

    /// <summary>Every user asks, waits for the answer, optionally thinks, and asks again; starts are spread over one expected answer time.</summary>
    private Task ClosedLoopAsync(LoadOptions run, List<VirtualUser> users, TextVerifier? verifier, Stopwatch clock)
    {
        var tokens = run.AnswerTokens ?? 80;
        var answerTime = TimeSpan.FromMilliseconds(run.EmulatorTimeToFirstTokenMs)
            + (run.EmulatorTokensPerSecond > 0 ? TimeSpan.FromSeconds((double)tokens / run.EmulatorTokensPerSecond) : TimeSpan.Zero);
        return Task.WhenAll(users.Select(async (user, index) =>
        {
            try
            {
                await Task.Delay(answerTime * index / users.Count, _stopSending.Token);
                while (!_stopSending.IsCancellationRequested && user.IsOpen && TryClaimMessage(run))
                {
                    var answer = await AskOnceAsync(run, user, verifier, clock);
                    // A refused or throttled question is asked again only after the wait the service suggested, as a client would.
                    var pause = answer?.RetryAfterMs is { } retryAfter ? TimeSpan.FromMilliseconds(retryAfter) : run.ThinkTime;
                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, _stopSending.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
    }

    private bool TryClaimMessage(LoadOptions run)
    {
        var number = Interlocked.Increment(ref _sent);
        if (run.MaxMessages is { } max && number > max)
        {
            Interlocked.Decrement(ref _sent);
            _stopSending.Cancel();
            return false;
        }

        return true;
    }

    private async Task<AnswerTracker?> AskOnceAsync(LoadOptions run, VirtualUser user, TextVerifier? verifier, Stopwatch clock)
    {
        var questions = new Questions(run, _runId);
        var sequence = Interlocked.Increment(ref _answers);
        var tag = questions.Tag(user.Id, sequence);
        var requestId = $"r-{user.Id}-{sequence}";
        var measured = clock.Elapsed >= run.Warmup;
        var stats = measured ? user.Stats : _warmup;
        var message = VirtualUser.Message(run.Action, requestId, $"s-{_runId}-{user.Id}", questions.Text(user.Id, sequence, tag));
        var inFlight = Interlocked.Increment(ref _inFlight);
        long peak;
        while (inFlight > (peak = Interlocked.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }

        try
        {
            stats.RecordSent();
            var (outcome, answer) = await user.AskAsync(requestId, message, run.AnswerTimeout, _giveUp.Token);
            switch (outcome)
            {
                case AskOutcome.NotSent:
                    Interlocked.Increment(ref _notSent);
                    return null;
                case AskOutcome.Unfinished:
                    Interlocked.Increment(ref _unfinished);
                    return null;
            }

            long? emulatorTtft = run.TargetIsEmulator ? run.EmulatorTimeToFirstTokenMs * 1000L : null;
            stats.RecordAnswer(answer!, emulatorTtft, run.FlushInterval);
            if (verifier is not null && answer!.TerminalType == "done" && run.VerifyText.Applies(sequence))
            {
                verifier.Enqueue(tag, answer.Text, stats);
            }

            return answer;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private string ProgressText(LoadOptions run, TimeSpan elapsed, ProcessSampler sampler)
    {
        var stats = AnswerStats.Merge(_workers);
        var rate = elapsed > run.Warmup ? (stats.Done + stats.Errors) / (elapsed - run.Warmup).TotalSeconds : 0;
        var phase = elapsed < run.Warmup ? $"warm-up {elapsed.TotalSeconds,3:0}s/{run.Warmup.TotalSeconds:0}s" : $"{(elapsed - run.Warmup).TotalSeconds,4:0}s/{run.Duration.TotalSeconds:0}s";
        var text = $"[{phase}] sent {_sent} done {stats.Done} err {stats.Errors} " +
                   $"viol {stats.ViolationCount} in-flight {Interlocked.Read(ref _inFlight)} | {rate:0.0} answers/s | " +
                   $"ttft p50 {Ms(stats.TimeToFirstToken.ValueAtPercentile(50))} p99 {Ms(stats.TimeToFirstToken.ValueAtPercentile(99))} " +
                   $"added p99 {Ms(stats.ServiceAddedLatency.ValueAtPercentile(99))}";
        if (sampler.Snapshot().TryGetValue("service", out var service) || sampler.Snapshot().TryGetValue("local-edge", out service))
        {
            text += $" | service cpu {service.CpuLastPercent:0}% rss {service.RssMb:0} MB";
        }

        return text;
    }

    private static string Ms(long micros) => $"{micros / 1000.0:0.0}ms";
}
