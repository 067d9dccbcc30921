using System.Diagnostics;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Emulators;
using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Running;
using MangaAssist.LoadTest.Stack;
using MangaAssist.LoadTest.Users;

namespace MangaAssist.LoadTest.Peers;

/// <summary>
/// The peer-portkey profile: one started stack (service, gateway emulator, Bedrock emulator, token issuer) plus the
/// Portkey gateway on the same Bedrock emulator. At each concurrency, MangaAssist (WebSocket users through the
/// gateway emulator, every frame checked) and then Portkey (streaming chat completions) get the same questions with the
/// same pacing markers; each answer's added time to first token is the client's minus the model's own for that
/// request (from the emulator's transcript), and each text is checked against it.
/// </summary>
internal sealed class PeerComparisonRun(LoadOptions options, TextWriter output)
{
    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];
    private long _answers;

    public async Task<ComparisonReport> RunAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var logPath = Path.Combine(Path.GetTempPath(), $"mangaassist-loadtest-{startedAt:yyyyMMdd-HHmmss}-{options.Profile.Name}.log");
        output.WriteLine($"starting the stack and Portkey; their output goes to {logPath}");
        var stack = await StartedStack.StartAsync(options, logPath, cancellationToken);
        try
        {
            using var control = new EmulatorControl(stack.BedrockUrl, stack.GatewayUrl);
            await control.ResetStatsAsync(cancellationToken);
            var most = options.Levels.Max();
            output.WriteLine($"fetching {most} shopper tokens from {stack.IssuerUrl}");
            var lifetime = TimeSpan.FromHours(1) + ((options.Warmup + options.Duration + options.Drain) * options.Levels.Count * 2);
            var tokens = await ShopperTokens.FetchAsync(stack.IssuerUrl, most, lifetime, cancellationToken);
            using var http = ChatCompletionsStream.CreateClient();
            var pids = new Dictionary<string, int>(stack.Pids) { ["load-tool"] = Environment.ProcessId, ["machine"] = ProcStat.Machine };
            var phases = new List<PeerPhase>();
            foreach (var level in options.Levels)
            {
                phases.Add(await MangaAssistPhaseAsync(stack, control, tokens, level, pids, cancellationToken));
                phases.Add(await PortkeyPhaseAsync(stack, control, http, level, pids, cancellationToken));
            }

            return ComparisonReportBuilder.Build(options, startedAt, stack.Description, stack.PortkeyVersion ?? "?", phases);
        }
        finally
        {
            output.WriteLine("stopping the stack and Portkey");
            await stack.DisposeAsync();
        }
    }

    private TimeSpan AnswerTime => TimeSpan.FromMilliseconds(options.EmulatorTimeToFirstTokenMs)
        + (options.EmulatorTokensPerSecond > 0 ? TimeSpan.FromSeconds((options.AnswerTokens ?? 80) / (double)options.EmulatorTokensPerSecond) : TimeSpan.Zero);

    private long? ConfiguredTimeToFirstTokenUs => options.EmulatorTimeToFirstTokenMs * 1000L;

    private async Task<PeerPhase> MangaAssistPhaseAsync(
        StartedStack stack, EmulatorControl control, string[] tokens, int level, Dictionary<string, int> pids, CancellationToken cancellationToken)
    {
        var late = new AnswerStats();
        output.WriteLine($"MangaAssist, {level} streams: connecting {level} users to {stack.WebSocketUrl}");
        var (users, failures) = await UserConnector.ConnectAsync(stack.WebSocketUrl, tokens, level, options.ConnectsPerSecond, _ => late, cancellationToken);
        try
        {
            long notSent = 0;
            var questions = new Questions(options, _runId);
            await using var verifier = options.VerifyText.Enabled ? new TextVerifier(control) : null;
            async Task<TimeSpan?> AskAsync(int id, long n, AnswerStats stats, CancellationToken giveUp)
            {
                if (id >= users.Count)
                {
                    return TimeSpan.FromSeconds(1);
                }

                var user = users[id];
                var sequence = Interlocked.Increment(ref _answers);
                var tag = questions.Tag(user.Id, sequence);
                var requestId = $"r-{level}-{user.Id}-{n}";
                var message = VirtualUser.Message("sendMessage", requestId, $"s-{_runId}-{level}-{user.Id}", questions.Text(user.Id, sequence, tag));
                stats.RecordSent();
                var (outcome, answer) = await user.AskAsync(requestId, message, options.AnswerTimeout, giveUp);
                switch (outcome)
                {
                    case AskOutcome.NotSent:
                        Interlocked.Increment(ref notSent);
                        return TimeSpan.FromSeconds(1);
                    case AskOutcome.Unfinished:
                        throw new OperationCanceledException(giveUp);
                }

                stats.RecordAnswer(answer!, ConfiguredTimeToFirstTokenUs, options.FlushInterval);
                if (verifier is not null && answer!.TerminalType == "done" && !answer.Cached && options.VerifyText.Applies(sequence))
                {
                    verifier.Enqueue(tag, answer.Text, answer.FirstDeltaAt is { } first ? AnswerStats.Micros(first - answer.SentAt) : null, stats);
                }

                return answer!.RetryAfterMs is { } retry ? TimeSpan.FromMilliseconds(retry) : null;
            }

            var phase = await RunPhaseAsync("MangaAssist", level, AskAsync, control, pids, verifier, cancellationToken);
            return phase with { Violations = phase.Violations + late.ViolationCount, NotSent = notSent, ConnectFailures = failures };
        }
        finally
        {
            await Task.WhenAll(users.Select(u => u.DisposeAsync().AsTask()));
        }
    }

    private async Task<PeerPhase> PortkeyPhaseAsync(
        StartedStack stack, EmulatorControl control, HttpClient http, int level, Dictionary<string, int> pids, CancellationToken cancellationToken)
    {
        output.WriteLine($"Portkey, {level} streams: {stack.PortkeyUrl}v1/chat/completions to the Bedrock emulator at {stack.BedrockUrl}");
        var questions = new Questions(options, _runId);
        await using var verifier = options.VerifyText.Enabled ? new TextVerifier(control) : null;
        async Task<TimeSpan?> AskAsync(int id, long n, AnswerStats stats, CancellationToken giveUp)
        {
            var sequence = Interlocked.Increment(ref _answers);
            var tag = questions.Tag(id, sequence);
            stats.RecordSent();
            var answer = await ChatCompletionsStream.AskAsync(http, stack.PortkeyUrl!, stack.BedrockUrl, questions.Text(id, sequence, tag), options.AnswerTimeout, giveUp);
            long? ttft = answer.FirstDeltaAt is { } first ? AnswerStats.Micros(first - answer.SentAt) : null;
            long? duration = answer.EndAt is { } end ? AnswerStats.Micros(end - answer.SentAt) : null;
            stats.RecordStreamed(answer.Terminal, answer.ErrorCode, ttft, duration, ConfiguredTimeToFirstTokenUs);
            if (verifier is not null && answer.Terminal == StreamedAnswer.Done && options.VerifyText.Applies(sequence))
            {
                verifier.Enqueue(tag, answer.Text, ttft, stats);
            }

            // A failing gateway answers at once; a short pause keeps a failure from becoming a busy loop.
            return answer.Terminal == StreamedAnswer.Done ? null : TimeSpan.FromMilliseconds(100);
        }

        return await RunPhaseAsync($"Portkey {stack.PortkeyVersion}", level, AskAsync, control, pids, verifier, cancellationToken);
    }

    private async Task<PeerPhase> RunPhaseAsync(
        string gateway, int level, ClosedLoopPhase.AskOnce ask, EmulatorControl control, Dictionary<string, int> pids, TextVerifier? verifier, CancellationToken cancellationToken)
    {
        var phase = new ClosedLoopPhase(level, options.Warmup, options.Duration, AnswerTime, options.Drain, options.ThinkTime);
        await using var probe = options.ProbeInterval > TimeSpan.Zero
            ? new TimeToFirstTokenProbe(control.BedrockUrl, options.EmulatorTimeToFirstTokenMs, options.ProbeInterval)
            : null;
        probe?.Start();
        var clock = Stopwatch.StartNew();
        output.WriteLine($"  {options.Warmup.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured");
        var window = await phase.RunAsync(ask, pids, cancellationToken);
        if (verifier is not null)
        {
            await verifier.CompleteAsync(TimeSpan.FromSeconds(30));
        }

        var result = ComparisonReportBuilder.Phase(gateway, level, phase, window, probe?.Snapshot(), verifier?.TranscriptsMissed ?? 0);
        output.WriteLine($"  {result.AnswersEnded} answers in the window ({result.AnswersPerSecond:0.0}/s), added TTFT p50 {result.Added.P50:0.0} / p99 {result.Added.P99:0.0} ms, " +
                         $"errors {result.Errors}, violations {result.Violations}, {clock.Elapsed.TotalSeconds:0} s");
        return result;
    }
}
