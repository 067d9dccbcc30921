using System.Diagnostics;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Resilience;
using MangaAssist.Orchestrator.Streaming;
using MangaAssist.Retrieval.Prompting;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Options;
using ProtocolCitation = MangaAssist.Orchestrator.Protocol.Citation;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// Answers one accepted request in the background, in this order: shared limits
/// (<c>rate_limited</c>), a free stream (<c>busy</c>), <c>start</c>, grounding in the catalog, then
/// the text from the first source that has it — the response cache, another shopper's identical
/// question in flight, or the model — as coalesced <c>delta</c> frames, the <c>citations</c>, and
/// exactly one terminal frame: <c>done</c> only when the answer is complete, otherwise <c>error</c>.
/// </summary>
public sealed class ChatRequestRunner(
    ChatPipeline pipeline,
    ChatRequestRegistry registry,
    IOptions<StreamingOptions> streamingOptions,
    IOptions<ResumeOptions> resumeOptions,
    TimeProvider timeProvider,
    ChatTelemetry telemetry,
    ResilienceTelemetry resilienceTelemetry,
    ILogger<ChatRequestRunner> logger)
{
    private readonly StreamingOptions _streaming = streamingOptions.Value;
    private readonly ResumeOptions _resume = resumeOptions.Value;

    /// <summary>A frame path for a refusal, which has no answer to run.</summary>
    public ClientFrameStream OpenStream(string connectionId, string? requestId) =>
        new(connectionId, requestId, pipeline.Poster, _streaming);

    public async Task RunAsync(ChatRequest request, ActiveRequest active)
    {
        using var activity = ChatTelemetry.ActivitySource.StartActivity("chat " + request.Route, ActivityKind.Internal, request.TraceParent);
        activity?.SetTag("mangaassist.route", request.Route);
        activity?.SetTag("mangaassist.request_id", request.RequestId);
        activity?.SetTag("mangaassist.connection_id", request.ConnectionId);

        var started = timeProvider.GetTimestamp();
        var stream = OpenAnswerStream(request, active);
        var answer = new AnswerProgress { Started = started };
        try
        {
            answer.Outcome = await AnswerAsync(request, active, stream, answer, started);
        }
        catch (Exception exception)
        {
            Log.RequestCrashed(logger, request.RequestId, exception);
            answer.Outcome = ChatOutcome.Failed;
            if (!stream.TerminalSent && stream.State == DeliveryResult.Delivered)
            {
                await stream.SendErrorAsync(UpstreamErrorMapper.Internal(), CancellationToken.None);
            }
        }
        finally
        {
            if (!stream.TerminalSent)
            {
                await stream.CloseLogAsync(UpstreamErrorMapper.FromCancellation(active.Reason) ?? ClientGoneFrame);
            }

            registry.End(active);
            var elapsed = timeProvider.GetElapsedTime(started);
            telemetry.RecordAnswer(request.Route, answer.Outcome, elapsed, stream.NextSeq);
            activity?.SetTag("mangaassist.outcome", answer.Outcome.ToString());
            activity?.SetTag("mangaassist.source", answer.Source);
            activity?.SetTag("mangaassist.frames", stream.NextSeq);
            activity?.SetTag("mangaassist.time_to_first_token_ms", answer.FirstToken?.TotalMilliseconds);
            activity?.SetTag("gen_ai.response.model", answer.Model);
            activity?.SetTag("gen_ai.usage.input_tokens", answer.Usage?.InputTokens);
            activity?.SetTag("gen_ai.usage.output_tokens", answer.Usage?.OutputTokens);
            Log.RequestEnded(logger, request.RequestId, answer.Outcome, elapsed.TotalMilliseconds,
                answer.FirstToken?.TotalMilliseconds ?? -1, stream.NextSeq, answer.Usage?.OutputTokens ?? 0, answer.StopReason);
        }
    }

    private static readonly ErrorFrame ClientGoneFrame =
        new(ErrorCodes.ClientGone, "The connection was lost before the answer was complete. Please ask again.", Retryable: true, RetryAfterMs: 0);

    private ClientFrameStream OpenAnswerStream(ChatRequest request, ActiveRequest active)
    {
        if (!_resume.Enabled)
        {
            return OpenStream(request.ConnectionId, request.RequestId);
        }

        var log = new FrameLogWriter(pipeline.FrameLog, FrameLogWriter.KeyFor(request.SessionId, request.RequestId));
        return new ClientFrameStream(request.ConnectionId, request.RequestId, pipeline.Poster, _streaming, log, () =>
        {
            if (_resume.DetachedGracePeriod <= TimeSpan.Zero)
            {
                return false;
            }

            // The client may come back with resume: go on into the log for a while, then stop the model.
            _ = timeProvider.CreateTimer(static state => ((ActiveRequest)state!).Cancel(CancelReason.ClientGone), active, _resume.DetachedGracePeriod, Timeout.InfiniteTimeSpan);
            return true;
        });
    }

    private async Task<ChatOutcome> AnswerAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerProgress answer, long started)
    {
        ErrorFrame? limited;
        using (ChatTelemetry.ActivitySource.StartActivity("rate_limit"))
        {
            limited = await pipeline.Limits.CheckAsync(request, active.Token);
        }

        if (limited is not null)
        {
            await stream.SendErrorAsync(limited, CancellationToken.None);
            return ChatOutcome.RateLimited;
        }

        System.Threading.RateLimiting.RateLimitLease? lease;
        string? refusal;
        try
        {
            (lease, refusal) = await pipeline.Admission.EnterAsync(active.Token);
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            return await FinishCancelledAsync(active, stream);
        }

        if (lease is null)
        {
            resilienceTelemetry.RecordBusy(refusal!);
            Log.Busy(logger, request.ConnectionId, request.RequestId, refusal!, pipeline.Admission.InFlight, pipeline.Admission.Queued);
            await stream.SendErrorAsync(new ErrorFrame(ErrorCodes.Busy, "MangaAssist is handling too many questions right now. Please try again in a moment.",
                Retryable: true, RetryAfterMs: (int)pipeline.Admission.BusyRetryAfter.TotalMilliseconds), CancellationToken.None);
            return ChatOutcome.Busy;
        }

        using (lease)
        {
            // The start frame's post and the answer's preparation (session memory, retrieval with its embedding
            // call) run side by side, so their round trips overlap on the way to the first token instead of
            // adding up. The model is asked only after start was delivered, and nothing else is sent before
            // start finished, not even the error of a failed preparation (the stream has one sender at a time).
            var start = stream.SendStartAsync(request.Profile.ModelId, CancellationToken.None);
            Preparation? prepared = null;
            DeliveryResult startDelivery;
            try
            {
                prepared = await PrepareAsync(request, active);
            }
            catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
            {
                Log.RequestStopped(logger, request.RequestId, active.Reason);
            }
            finally
            {
                startDelivery = await start;
            }

            if (startDelivery != DeliveryResult.Delivered)
            {
                return stream.State == DeliveryResult.ClientGone ? ChatOutcome.ClientGone : ChatOutcome.DeliveryFailed;
            }

            var completed = prepared is null ? null : await ProduceAsync(request, active, stream, answer, started, prepared);
            return await FinishAsync(request, active, stream, answer, completed);
        }
    }

    /// <summary>What the model is asked with: the session's history and the grounded prompt.</summary>
    private sealed record Preparation(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> History, AnswerContext Context);

    private async Task<Preparation> PrepareAsync(ChatRequest request, ActiveRequest active)
    {
        IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> history;
        using (ChatTelemetry.ActivitySource.StartActivity("session memory"))
        {
            history = await pipeline.Memory.ReadAsync(request, active.Token);
        }

        return new Preparation(history, await pipeline.Context.BuildAsync(request, history, active.Token));
    }

    /// <summary>Streams the answer's text from the first source that has it; returns the complete answer, or null.</summary>
    private async Task<CompletedAnswer?> ProduceAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerProgress answer, long started, Preparation prepared)
    {
        var coalescer = new DeltaCoalescer(_streaming.FlushInterval, _streaming.FlushThresholdChars, timeProvider);

        // The pump is not tied to the request's token: once the text stops for any reason it
        // delivers what was produced, then ends. Posts are bounded by their own timeout.
        var pump = coalescer.PumpAsync(async (text, _) =>
        {
            var result = await stream.SendDeltaAsync(text, CancellationToken.None);
            if (result != DeliveryResult.Delivered)
            {
                active.Cancel(result == DeliveryResult.ClientGone ? CancelReason.ClientGone : CancelReason.DeliveryFailed);
            }

            return result;
        }, CancellationToken.None);

        void OnText(string text)
        {
            if (answer.FirstToken is null)
            {
                answer.FirstToken = timeProvider.GetElapsedTime(started);
                telemetry.RecordFirstToken(request.Route, answer.FirstToken.Value);
            }

            coalescer.Append(text);
        }

        using var totalTimeout = timeProvider.CreateTimer(
            static state => ((ActiveRequest)state!).Cancel(CancelReason.TotalTimeout), active, request.Profile.TotalTimeout, Timeout.InfiniteTimeSpan);
        CompletedAnswer? completed = null;
        try
        {
            completed = await ProduceTextAsync(request, active, answer, prepared, OnText);
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            Log.RequestStopped(logger, request.RequestId, active.Reason);
        }
        finally
        {
            // Whatever happened, the pump finishes before anything else is sent: the terminal
            // frame must never race a delta for the next seq.
            coalescer.Complete();
            await pump;
        }

        return completed;
    }

    private async Task<CompletedAnswer?> ProduceTextAsync(ChatRequest request, ActiveRequest active, AnswerProgress answer, Preparation prepared, Action<string> onText)
    {
        var (history, context) = prepared;
        var key = SharedAnswers.KeyFor(request, context, history);
        CompletedAnswer? cached = null;
        if (key is { } cacheKey)
        {
            using var lookup = ChatTelemetry.ActivitySource.StartActivity("cache lookup");
            cached = await pipeline.Shared.TryGetAsync(cacheKey, request.RequestId, active.Token);
            lookup?.SetTag("mangaassist.cache.hit", cached is not null);
            telemetry.RecordCacheLookup(cached is not null);
        }

        if (cached is not null)
        {
            answer.Source = "cache";
            answer.Cached = true;
            onText(cached.Text);
            return cached;
        }

        await using var flight = key is { } flightKey ? await pipeline.Shared.JoinAsync(flightKey, request.RequestId, active.Token) : null;
        var relayed = "";
        if (flight is FlightFollower follower)
        {
            var (shared, text) = await RelayAsync(request, follower, onText, active.Token);
            if (shared is not null)
            {
                answer.Source = "shared";
                return shared;
            }

            relayed = text;
        }

        var leader = flight as FlightLeader;
        answer.Source = leader is null ? "model" : "model (shared)";
        var result = await pipeline.Generator.GenerateAsync(context.Prompt, request.Profile, text =>
        {
            onText(text);
            leader?.PublishText(text);
        }, active.Token, relayed);
        answer.Generation = result;
        if (!result.Completed)
        {
            if (leader is not null)
            {
                await TellFollowersAsync(request, () => leader.FailAsync(result.Outcome.Reason, CancellationToken.None));
            }

            return null;
        }

        var completed = new CompletedAnswer(result.Text, result.Model, result.StopReason!,
            new AnswerUsage((int)result.Usage.InputTokens, (int)result.Usage.OutputTokens), Cite(result.Text, context));
        if (leader is not null)
        {
            await TellFollowersAsync(request, () => leader.CompleteAsync(completed, CancellationToken.None));
        }

        if (key is { } storeKey && completed.IsCacheable)
        {
            await pipeline.Shared.StoreAsync(storeKey, completed, request.RequestId);
        }

        return completed;
    }

    /// <summary>Ends a shared flight; its followers cope on their own if that fails, and this answer is unaffected.</summary>
    private async Task TellFollowersAsync(ChatRequest request, Func<Task> end)
    {
        try
        {
            await end();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SharedAnswersUnavailable(logger, request.RequestId, exception.GetType().Name);
        }
    }

    /// <summary>Passes on another request's answer as it is produced; returns it when complete, else the text passed on.</summary>
    private async Task<(CompletedAnswer? Answer, string Relayed)> RelayAsync(ChatRequest request, FlightFollower follower, Action<string> onText, CancellationToken cancellationToken)
    {
        var relayed = new System.Text.StringBuilder();
        var reason = FlightFailureReasons.LeaderLost;
        await foreach (var flightEvent in follower.ReadEventsAsync(cancellationToken))
        {
            switch (flightEvent.Kind)
            {
                case FlightEventKind.Text:
                    relayed.Append(flightEvent.Text);
                    onText(flightEvent.Text!);
                    break;
                case FlightEventKind.Completed:
                    return (flightEvent.Answer, relayed.ToString());
                default:
                    reason = flightEvent.FailureReason ?? reason;
                    break;
            }
        }

        Log.SharedAnswerBroke(logger, request.RequestId, reason, relayed.Length);
        return (null, relayed.ToString());
    }

    private static IReadOnlyList<AnswerCitation> Cite(string text, AnswerContext context) =>
        [.. CitationExtractor.Extract(text, context.Passages).Select(c => new AnswerCitation(c.ProductId, c.Title, c.Url))];

    private async Task<ChatOutcome> FinishAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerProgress answer, CompletedAnswer? completed)
    {
        if (stream.State != DeliveryResult.Delivered)
        {
            return stream.State == DeliveryResult.ClientGone ? ChatOutcome.ClientGone : ChatOutcome.DeliveryFailed;
        }

        if (active.Reason != CancelReason.None)
        {
            return await FinishCancelledAsync(active, stream);
        }

        if (completed is null)
        {
            var outcome = answer.Generation?.Outcome;
            if (outcome?.Failure is { } failure)
            {
                Log.UpstreamFailed(logger, request.RequestId, failure.Kind, failure.StatusCode, failure.AwsErrorType,
                    failure.InStream, failure.IsRetryable, failure.RequestId);
            }

            await stream.SendErrorAsync(outcome is null ? UpstreamErrorMapper.Internal() : UpstreamErrorMapper.FromOutcome(outcome), CancellationToken.None);
            return outcome?.IsTimeout == true ? ChatOutcome.TimedOut : ChatOutcome.Failed;
        }

        answer.Model = completed.Model;
        answer.StopReason = completed.StopReason;
        answer.Usage = new TokenUsage(completed.Usage.InputTokens, completed.Usage.OutputTokens);
        Log.AnswerSource(logger, request.RequestId, answer.Source);
        telemetry.RecordCompletion(request.Route, answer.Source, completed.Model, completed.Usage.InputTokens, completed.Usage.OutputTokens,
            answer.FirstToken, timeProvider.GetElapsedTime(answer.Started));
        if (completed.Citations.Count > 0)
        {
            await stream.SendCitationsAsync([.. completed.Citations.Select(c => new ProtocolCitation(c.Id, c.Title, c.Url))], CancellationToken.None);
        }

        var delivered = await stream.SendDoneAsync(completed.StopReason, answer.Usage, answer.Cached, completed.Model, CancellationToken.None);
        await pipeline.Memory.RememberAsync(request, completed.Text);
        if (!answer.Cached)
        {
            await pipeline.Limits.ChargeOutputAsync(request, answer.Source == "shared" ? 1 : completed.Usage.OutputTokens);
        }

        return delivered switch
        {
            DeliveryResult.Delivered => ChatOutcome.Completed,
            DeliveryResult.ClientGone => ChatOutcome.ClientGone,
            _ => ChatOutcome.DeliveryFailed,
        };
    }

    private static async Task<ChatOutcome> FinishCancelledAsync(ActiveRequest active, ClientFrameStream stream)
    {
        var frame = UpstreamErrorMapper.FromCancellation(active.Reason);
        if (frame is not null && stream.State == DeliveryResult.Delivered)
        {
            await stream.SendErrorAsync(frame, CancellationToken.None);
        }

        return active.Reason switch
        {
            CancelReason.ClientGone or CancelReason.ClientDisconnected => ChatOutcome.ClientGone,
            CancelReason.DeliveryFailed => ChatOutcome.DeliveryFailed,
            CancelReason.TotalTimeout => ChatOutcome.TimedOut,
            _ => ChatOutcome.Cancelled,
        };
    }

    /// <summary>What is known about the answer so far.</summary>
    private sealed class AnswerProgress
    {
        public TimeSpan? FirstToken { get; set; }

        public long Started { get; set; }

        public GenerationResult? Generation { get; set; }

        public string Source { get; set; } = "none";

        public bool Cached { get; set; }

        public string? Model { get; set; }

        public string? StopReason { get; set; }

        public TokenUsage? Usage { get; set; }

        public ChatOutcome Outcome { get; set; } = ChatOutcome.Failed;
    }
}
