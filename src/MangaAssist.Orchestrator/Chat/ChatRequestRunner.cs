using System.Diagnostics;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Resilience;
using MangaAssist.Orchestrator.Streaming;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// Answers one accepted request in the background: waits for a free stream (or refuses with
/// <c>busy</c>), sends <c>start</c>, the model's text as coalesced <c>delta</c> frames, then exactly
/// one terminal frame — <c>done</c> only when the model finished, otherwise <c>error</c> saying
/// what happened. Nothing is sent once the client is gone.
/// </summary>
public sealed class ChatRequestRunner(
    ResilientAnswerGenerator generator,
    StreamAdmission admission,
    IApiGatewayManagementClient connections,
    ChatRequestRegistry registry,
    IOptions<StreamingOptions> streamingOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider timeProvider,
    ChatTelemetry telemetry,
    ResilienceTelemetry resilienceTelemetry,
    OutboundSanitizer sanitizer,
    ILogger<ChatRequestRunner> logger)
{
    private readonly StreamingOptions _streaming = streamingOptions.Value;
    private readonly DeliveryOptions _delivery = deliveryOptions.Value;

    /// <summary>The frame path for one request; also used for refusals, which have no answer to run.</summary>
    public ClientFrameStream OpenStream(string connectionId, string? requestId) =>
        new(connectionId, requestId, connections, _streaming, _delivery, timeProvider, telemetry, sanitizer, logger);

    public async Task RunAsync(ChatRequest request, ActiveRequest active)
    {
        using var activity = ChatTelemetry.ActivitySource.StartActivity("chat " + request.Route, ActivityKind.Internal, request.TraceParent);
        activity?.SetTag("mangaassist.route", request.Route);
        activity?.SetTag("mangaassist.request_id", request.RequestId);
        activity?.SetTag("mangaassist.connection_id", request.ConnectionId);

        var started = timeProvider.GetTimestamp();
        var stream = OpenStream(request.ConnectionId, request.RequestId);
        var answer = new AnswerProgress();
        try
        {
            answer.Outcome = await AdmitAndAnswerAsync(request, active, stream, answer, started);
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
            registry.End(active);
            var elapsed = timeProvider.GetElapsedTime(started);
            telemetry.RecordAnswer(request.Route, answer.Outcome, elapsed, stream.NextSeq);
            activity?.SetTag("mangaassist.outcome", answer.Outcome.ToString());
            activity?.SetTag("mangaassist.frames", stream.NextSeq);
            activity?.SetTag("mangaassist.time_to_first_token_ms", answer.FirstToken?.TotalMilliseconds);
            if (answer.Result is { } result)
            {
                activity?.SetTag("gen_ai.response.model", result.Model);
                activity?.SetTag("gen_ai.usage.input_tokens", result.Usage.InputTokens);
                activity?.SetTag("gen_ai.usage.output_tokens", result.Usage.OutputTokens);
                activity?.SetTag("mangaassist.attempts", result.Attempts);
            }
            Log.RequestEnded(logger, request.RequestId, answer.Outcome, elapsed.TotalMilliseconds,
                answer.FirstToken?.TotalMilliseconds ?? -1, stream.NextSeq, answer.Result?.Usage.OutputTokens ?? 0, answer.Result?.StopReason);
        }
    }

    private async Task<ChatOutcome> AdmitAndAnswerAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerProgress answer, long started)
    {
        System.Threading.RateLimiting.RateLimitLease? lease;
        string? refusal;
        try
        {
            (lease, refusal) = await admission.EnterAsync(active.Token);
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            return await FinishCancelledAsync(active, stream);
        }

        if (lease is null)
        {
            resilienceTelemetry.RecordBusy(refusal!);
            Log.Busy(logger, request.ConnectionId, request.RequestId, refusal!, admission.InFlight, admission.Queued);
            await stream.SendErrorAsync(new ErrorFrame(ErrorCodes.Busy, "MangaAssist is handling too many questions right now. Please try again in a moment.",
                Retryable: true, RetryAfterMs: (int)admission.BusyRetryAfter.TotalMilliseconds), CancellationToken.None);
            return ChatOutcome.Busy;
        }

        using (lease)
        {
            if (await stream.SendStartAsync(request.Profile.ModelId, CancellationToken.None) != DeliveryResult.Delivered)
            {
                return stream.State == DeliveryResult.ClientGone ? ChatOutcome.ClientGone : ChatOutcome.DeliveryFailed;
            }

            await GenerateAsync(request, active, stream, answer, started);
            return await FinishAsync(active, stream, answer);
        }
    }

    private async Task GenerateAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerProgress answer, long started)
    {
        var coalescer = new DeltaCoalescer(_streaming.FlushInterval, _streaming.FlushThresholdChars, timeProvider);

        // The pump is not tied to the request's token: once generation stops for any reason it
        // delivers what the model already produced, then ends. Posts are bounded by their own timeout.
        var pump = coalescer.PumpAsync(async (text, _) =>
        {
            var result = await stream.SendDeltaAsync(text, CancellationToken.None);
            if (result != DeliveryResult.Delivered)
            {
                active.Cancel(result == DeliveryResult.ClientGone ? CancelReason.ClientGone : CancelReason.DeliveryFailed);
            }

            return result;
        }, CancellationToken.None);

        using var totalTimeout = timeProvider.CreateTimer(
            static state => ((ActiveRequest)state!).Cancel(CancelReason.TotalTimeout), active, request.Profile.TotalTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            answer.Result = await generator.GenerateAsync(BuildPrompt(request), request.Profile, text =>
            {
                if (answer.FirstToken is null)
                {
                    answer.FirstToken = timeProvider.GetElapsedTime(started);
                    telemetry.RecordFirstToken(request.Route, answer.FirstToken.Value);
                }

                coalescer.Append(text);
            }, active.Token);
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            Log.RequestStopped(logger, request.RequestId, active.Reason);
        }

        coalescer.Complete();
        await pump;
    }

    private async Task<ChatOutcome> FinishAsync(ActiveRequest active, ClientFrameStream stream, AnswerProgress answer)
    {
        if (stream.State != DeliveryResult.Delivered)
        {
            return stream.State == DeliveryResult.ClientGone ? ChatOutcome.ClientGone : ChatOutcome.DeliveryFailed;
        }

        if (active.Reason != CancelReason.None || answer.Result is null)
        {
            return await FinishCancelledAsync(active, stream);
        }

        var result = answer.Result;
        if (!result.Completed)
        {
            var outcome = result.Outcome;
            if (outcome.Failure is { } failure)
            {
                Log.UpstreamFailed(logger, stream.RequestId ?? "", failure.Kind, failure.StatusCode, failure.AwsErrorType,
                    failure.InStream, failure.IsRetryable, failure.RequestId);
            }

            await stream.SendErrorAsync(UpstreamErrorMapper.FromOutcome(outcome), CancellationToken.None);
            return outcome.IsTimeout ? ChatOutcome.TimedOut : ChatOutcome.Failed;
        }

        var delivered = await stream.SendDoneAsync(result.StopReason!, result.Usage, cached: false, result.Model, CancellationToken.None);
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

    private static List<ChatMessage> BuildPrompt(ChatRequest request) =>
    [
        new(ChatRole.System, request.Profile.SystemPrompt),
        new(ChatRole.User, request.Message),
    ];

    /// <summary>What is known about the answer so far.</summary>
    private sealed class AnswerProgress
    {
        public TimeSpan? FirstToken { get; set; }

        public GenerationResult? Result { get; set; }

        public ChatOutcome Outcome { get; set; } = ChatOutcome.Failed;
    }
}
