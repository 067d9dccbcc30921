using System.Diagnostics;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Emulators;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;
using MangaAssist.LoadTest.Redis;
using MangaAssist.LoadTest.Reporting;
using MangaAssist.LoadTest.Stack;
using MangaAssist.LoadTest.Users;

namespace MangaAssist.LoadTest.Running;

/// <summary>
/// One run: start (or find) the stack, connect the users, send for the duration, drain, report.
/// The cache profile runs in phases instead of on one clock: fill the cache (each question once),
/// warm up, let the service settle, read Redis's counters, measure, settle, read them again.
/// </summary>
internal sealed class LoadRun(LoadOptions options, TextWriter output) : IDisposable
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
    private readonly CacheReferences _references = new();
    private long _cacheTextsCompared;
    private long _cacheTextsDiffering;
    private long _cacheTextsWithoutReference;
    private volatile bool _measuring;
    private TimeSpan _measuredFrom;
    private CacheFacts? _cacheFacts;
    private FleetDisruption? _fleet;

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
            run = options with
            {
                Target = stack.WebSocketUrl,
                BedrockControlUrl = stack.BedrockUrl,
                GatewayControlUrl = stack.GatewayUrl,
                TokenIssuerUrl = stack.IssuerUrl,
            };
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
            _fleet = stack is { Services.Count: > 0 } ? new FleetDisruption(run, stack, output) : null;
            var disrupting = _fleet?.RunAsync(clock, _giveUp.Token) ?? Task.CompletedTask;
            _measuredFrom = run.Warmup;
            if (!run.Profile.Cache)
            {
                _stopSending.CancelAfter(run.Warmup + run.Duration);
            }

            using var stopOnCancel = cancellationToken.Register(() => _stopSending.Cancel());
            var sendingTime = TimeSpan.Zero;
            using var stopped = _stopSending.Token.Register(() =>
            {
                sendingTime = clock.Elapsed - _measuredFrom;
                sampler.MarkWindowEnd();
            });
            // The cache profile's window starts after its fill, so only the timed warm-up marks a window.
            using var windowStart = run.Profile.Cache ? null : new Timer(_ => sampler.MarkWindowStart(), null, run.Warmup, Timeout.InfiniteTimeSpan);
            using var progress = new ProgressLine(output, run.Progress, () => ProgressText(run, clock.Elapsed, sampler));
            var sending = run.Profile.Cache
                ? CacheRunAsync(run, users, verifier, clock, stack?.RedisPort, cancellationToken)
                : run.MessagesPerSecond > 0
                    ? OpenLoopAsync(run, users, verifier, clock)
                    : ClosedLoopAsync(run, users, verifier, clock);
            await sending;

            // Drain: answers in flight may finish; after the drain they are counted as unfinished.
            var drain = Stopwatch.StartNew();
            while (Interlocked.Read(ref _inFlight) > 0 && drain.Elapsed < run.Drain)
            {
                await Task.Delay(50, CancellationToken.None);
            }

            // A restart still under way finishes first: its answers are part of what the run has to report.
            await disrupting.WaitAsync(run.Drain, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            await _giveUp.CancelAsync();
            while (Interlocked.Read(ref _inFlight) > 0)
            {
                await Task.Delay(20, CancellationToken.None);
            }

            await disrupting.ContinueWith(_ => { }, TaskScheduler.Default);

            var totalTime = clock.Elapsed - _measuredFrom;
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
                AnswerStats.Merge([.. _workers, .. _fleet?.Spanning.Select(s => s.Stats) ?? []]),
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
                verifier?.TranscriptsMissed ?? 0,
                bedrockStats,
                gatewayStats,
                _cacheFacts,
                _fleet is null ? null : new FleetFacts(_fleet.Events, _fleet.Spanning, stack!.Services.Count)));
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
        var tokens = await TokensAsync(run, cancellationToken);
        output.WriteLine($"connecting {run.Users} users to {run.Target} ({run.ConnectsPerSecond}/s)");
        var (connected, failures) = await UserConnector.ConnectAsync(run.Target!, tokens, run.Users, run.ConnectsPerSecond, id => _workers[id % _workers.Length], cancellationToken);
        users.AddRange(connected);
        _connectFailures += failures;

        if (users.Count == 0)
        {
            throw new InvalidOperationException($"No user could connect to {run.Target}.");
        }
    }

    /// <summary>Every shopper's token, fetched before the first connection; null when the run has no issuer.</summary>
    private async Task<string[]?> TokensAsync(LoadOptions run, CancellationToken cancellationToken)
    {
        if (run.TokenIssuerUrl is not { } issuer)
        {
            output.WriteLine("no token issuer: users connect without tokens");
            return null;
        }

        output.WriteLine($"fetching {run.Users} shopper tokens from {issuer} ({ShopperTokens.Parallelism} at a time)");
        // Long enough for the whole run, so no shopper's token expires while it is measured.
        var lifetime = TimeSpan.FromHours(1) + run.Warmup + run.Duration + run.Drain;
        lifetime = lifetime > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : lifetime;
        try
        {
            return await ShopperTokens.FetchAsync(issuer, run.Users, lifetime, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new LoadToolException($"The token issuer at {issuer} refused or did not answer ({exception.Message}); pass --issuer-url, or --issuer-url none for a stack without tokens.", exception);
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

    /// <summary>
    /// Every user asks, waits for the answer, thinks, and asks again. Starts are spread over one expected
    /// cycle (answer plus mean think time) and each pause is drawn from an exponential distribution with the
    /// think time as its mean, so the users stay out of step: equal pauses would keep them in waves that
    /// measure the waves, not the service.
    /// </summary>
    private Task ClosedLoopAsync(LoadOptions run, List<VirtualUser> users, TextVerifier? verifier, Stopwatch clock)
    {
        var tokens = run.AnswerTokens ?? 80;
        var answerTime = TimeSpan.FromMilliseconds(run.EmulatorTimeToFirstTokenMs)
            + (run.EmulatorTokensPerSecond > 0 ? TimeSpan.FromSeconds((double)tokens / run.EmulatorTokensPerSecond) : TimeSpan.Zero);
        var cycle = answerTime + run.ThinkTime;
        return Task.WhenAll(users.Select(async (user, index) =>
        {
            var thinking = new ThinkTimes(run.ThinkTime, seed: user.Id);
            try
            {
                await Task.Delay(cycle * index / users.Count, _stopSending.Token);
                while (!_stopSending.IsCancellationRequested && user.IsOpen && TryClaimMessage(run))
                {
                    var answer = await AskOnceAsync(run, user, verifier, clock);
                    // A refused or throttled question is asked again only after the wait the service suggested, as a client would.
                    var pause = answer?.RetryAfterMs is { } retryAfter ? TimeSpan.FromMilliseconds(retryAfter) : thinking.Next();
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

    /// <summary>
    /// The cache profile: every question once (the model's answers fill the cache), a closed-loop warm-up,
    /// then the measured closed loop, with Redis's command counters read at both ends of the measured window
    /// while no answer is in flight.
    /// </summary>
    private async Task CacheRunAsync(LoadOptions run, List<VirtualUser> users, TextVerifier? verifier, Stopwatch clock, int? redisPort, CancellationToken cancellationToken)
    {
        output.WriteLine($"filling the cache: {run.Questions} questions, each asked once");
        await Task.WhenAll(users.Select(async (user, index) =>
        {
            for (var question = index; question < run.Questions && !cancellationToken.IsCancellationRequested && TryClaimMessage(run); question += users.Count)
            {
                await AskCacheQuestionAsync(run, user, question, verifier);
            }
        }));

        if (run.Warmup > TimeSpan.Zero && !cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"warming up for {run.Warmup.TotalSeconds:0} s");
            using var warmup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            warmup.CancelAfter(run.Warmup);
            await CacheLoopAsync(run, users, verifier, warmup.Token);
        }

        // Nothing is in flight now (every loop waited for its answer). Let the last answers' trailing writes
        // (session memory after done) land, then count what the service does while idle, for comparison.
        var settle = TimeSpan.FromMilliseconds(500);
        var idleTime = TimeSpan.FromSeconds(1);
        await using var redis = redisPort is { } port ? await RespClient.ConnectAsync("127.0.0.1", port, CancellationToken.None) : null;
        RedisCommandSnapshot? before = null;
        RedisCommandDelta? idle = null;
        if (redis is not null)
        {
            await Task.Delay(settle, CancellationToken.None);
            var idleStart = await RedisCommandSnapshot.TakeAsync(redis, CancellationToken.None);
            await Task.Delay(idleTime, CancellationToken.None);
            before = await RedisCommandSnapshot.TakeAsync(redis, CancellationToken.None);
            idle = RedisCommandSnapshot.Between(idleStart, before);
        }

        _measuredFrom = clock.Elapsed;
        _measuring = true;
        _stopSending.CancelAfter(run.Duration);
        await CacheLoopAsync(run, users, verifier, _stopSending.Token);

        RedisCommandDelta? window = null;
        if (redis is not null && before is not null)
        {
            await Task.Delay(settle, CancellationToken.None);
            window = RedisCommandSnapshot.Between(before, await RedisCommandSnapshot.TakeAsync(redis, CancellationToken.None));
        }

        _cacheFacts = new CacheFacts(
            run.Questions,
            Interlocked.Read(ref _cacheTextsCompared),
            Interlocked.Read(ref _cacheTextsDiffering),
            Interlocked.Read(ref _cacheTextsWithoutReference),
            window,
            idle,
            idleTime);
    }

    /// <summary>Every user asks the questions in turn (starting at its own offset), each with a fresh session, until <paramref name="stop"/>.</summary>
    private Task CacheLoopAsync(LoadOptions run, List<VirtualUser> users, TextVerifier? verifier, CancellationToken stop) =>
        Task.WhenAll(users.Select(async user =>
        {
            try
            {
                for (var next = user.Id; !stop.IsCancellationRequested && user.IsOpen && TryClaimMessage(run); next++)
                {
                    var answer = await AskCacheQuestionAsync(run, user, next % run.Questions, verifier);
                    var pause = answer?.RetryAfterMs is { } retryAfter ? TimeSpan.FromMilliseconds(retryAfter) : run.ThinkTime;
                    if (pause > TimeSpan.Zero)
                    {
                        await Task.Delay(pause, stop);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));

    /// <summary>
    /// Asks cache question <paramref name="question"/> in a new session (the service caches only a session's
    /// first question). The first model answer to a question is checked against the model's transcript and
    /// becomes the reference; every cached answer must equal it.
    /// </summary>
    private async Task<AnswerTracker?> AskCacheQuestionAsync(LoadOptions run, VirtualUser user, int question, TextVerifier? verifier)
    {
        var questions = new Questions(run, _runId);
        var sequence = Interlocked.Increment(ref _answers);
        var requestId = $"r-{user.Id}-{sequence}";
        var stats = _measuring ? user.Stats : _warmup;
        var message = VirtualUser.Message(run.Action, requestId, $"s-{_runId}-{user.Id}-{sequence}", questions.CacheText(question));
        (var answer, stats) = await SendAsync(run, user, requestId, message, stats);
        if (answer?.TerminalType != "done" || !run.VerifyText.Enabled)
        {
            return answer;
        }

        switch (_references.Check(question, answer.Cached, answer.Text))
        {
            case CacheTextVerdict.Reference or CacheTextVerdict.Uncached:
                if (verifier is not null && run.VerifyText.Applies(sequence))
                {
                    verifier.Enqueue(questions.CacheTag(question), answer.Text, null, stats);
                }

                break;
            case CacheTextVerdict.Same:
                Interlocked.Increment(ref _cacheTextsCompared);
                break;
            case CacheTextVerdict.Different:
                Interlocked.Increment(ref _cacheTextsCompared);
                Interlocked.Increment(ref _cacheTextsDiffering);
                stats.RecordViolation(ViolationKind.TextMismatch,
                    $"TextMismatch: {requestId} (question {question}, cached): the deltas ({answer.Text.Length} chars) differ from the first answer ({_references.Reference(question)?.Length} chars)");
                break;
            default:
                Interlocked.Increment(ref _cacheTextsWithoutReference);
                break;
        }

        return answer;
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
        (var answer, stats) = await SendAsync(run, user, requestId, message, stats);
        if (verifier is not null && answer?.TerminalType == "done" && run.VerifyText.Applies(sequence))
        {
            var clientTtft = answer.FirstDeltaAt is { } first ? AnswerStats.Micros(first - answer.SentAt) : (long?)null;
            verifier.Enqueue(tag, answer.Text, answer.Cached ? null : clientTtft, stats);
        }

        return answer;
    }

    /// <summary>
    /// Sends one message, waits for its answer and records it; null when it was not sent or not finished. An answer
    /// in flight at a fleet signal is recorded under that signal; the stats it went to are returned for its text check.
    /// </summary>
    private async Task<(AnswerTracker? Answer, AnswerStats Stats)> SendAsync(LoadOptions run, VirtualUser user, string requestId, byte[] message, AnswerStats stats)
    {
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
                    return (null, stats);
                case AskOutcome.Unfinished:
                    Interlocked.Increment(ref _unfinished);
                    return (null, stats);
            }

            long? emulatorTtft = run.TargetIsEmulator ? run.EmulatorTimeToFirstTokenMs * 1000L : null;
            if (_fleet?.StatsFor(answer!) is { } signal)
            {
                // Send and answer go together to the signal it was in flight at, so the totals still add up.
                stats.ForgetSent();
                signal.RecordSent();
                stats = signal;
            }

            stats.RecordAnswer(answer!, emulatorTtft, run.FlushInterval);
            return (answer, stats);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private string ProgressText(LoadOptions run, TimeSpan elapsed, ProcessSampler sampler)
    {
        var stats = AnswerStats.Merge(_workers);
        var measuring = run.Profile.Cache ? _measuring : elapsed >= run.Warmup;
        var rate = measuring && elapsed > _measuredFrom ? (stats.Done + stats.Errors) / (elapsed - _measuredFrom).TotalSeconds : 0;
        var phase = !measuring
            ? run.Profile.Cache ? $"fill + warm-up {elapsed.TotalSeconds,3:0}s" : $"warm-up {elapsed.TotalSeconds,3:0}s/{run.Warmup.TotalSeconds:0}s"
            : $"{(elapsed - _measuredFrom).TotalSeconds,4:0}s/{run.Duration.TotalSeconds:0}s";
        var cached = run.Profile.Cache ? $"(cached {stats.CachedDone}) " : "";
        var text = $"[{phase}] sent {_sent} done {stats.Done} {cached}err {stats.Errors} " +
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

    public void Dispose()
    {
        _stopSending.Dispose();
        _giveUp.Dispose();
    }
}
