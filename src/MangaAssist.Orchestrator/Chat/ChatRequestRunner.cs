using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Streaming;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// Answers one accepted request in the background: <c>start</c>, the model's text as coalesced
/// <c>delta</c> frames, then exactly one terminal frame — <c>done</c> only when the model
/// finished, otherwise <c>error</c> saying what happened. Nothing is sent once the client is gone.
/// </summary>
public sealed class ChatRequestRunner(
    IChatClient chatClient,
    IApiGatewayManagementClient connections,
    ChatRequestRegistry registry,
    IOptions<StreamingOptions> streamingOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider timeProvider,
    ChatTelemetry telemetry,
    ILogger<ChatRequestRunner> logger)
{
    private readonly StreamingOptions _streaming = streamingOptions.Value;
    private readonly DeliveryOptions _delivery = deliveryOptions.Value;

    /// <summary>The frame path for one request; also used for refusals, which have no answer to run.</summary>
    public ClientFrameStream OpenStream(string connectionId, string? requestId) =>
        new(connectionId, requestId, connections, _streaming, _delivery, timeProvider, telemetry, logger);

    public async Task RunAsync(ChatRequest request, ActiveRequest active)
    {
        using var activity = ChatTelemetry.ActivitySource.StartActivity("chat " + request.Route);
        activity?.SetTag("mangaassist.request_id", request.RequestId);
        activity?.SetTag("mangaassist.connection_id", request.ConnectionId);
        activity?.SetTag("gen_ai.request.model", request.Profile.ModelId);

        var started = timeProvider.GetTimestamp();
        var stream = OpenStream(request.ConnectionId, request.RequestId);
        var answer = new AnswerState(request.Profile.ModelId);
        try
        {
            if (await stream.SendStartAsync(request.Profile.ModelId, CancellationToken.None) == DeliveryResult.Delivered)
            {
                await GenerateAsync(request, active, stream, answer, started);
            }

            answer.Outcome = await FinishAsync(request, active, stream, answer);
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
            Log.RequestEnded(logger, request.RequestId, answer.Outcome, elapsed.TotalMilliseconds,
                answer.FirstToken?.TotalMilliseconds ?? -1, stream.NextSeq, answer.Usage?.OutputTokens ?? 0, answer.StopReason);
        }
    }

    private async Task GenerateAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerState answer, long started)
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

        using (var deadlines = new StreamDeadlines(active, request.Profile, timeProvider))
        {
            try
            {
                await foreach (var update in chatClient.GetStreamingResponseAsync(BuildPrompt(request), BuildOptions(request), active.Token))
                {
                    Apply(update, answer, coalescer, deadlines, request.Route, started);
                }
            }
            catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
            {
                Log.RequestStopped(logger, request.RequestId, active.Reason);
            }
            catch (BedrockException exception)
            {
                answer.Failure = exception;
                Log.UpstreamFailed(logger, request.RequestId, exception.Kind, exception.StatusCode, exception.AwsErrorType,
                    exception.InStream, exception.IsRetryable, exception.RequestId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                answer.Crash = exception;
                Log.RequestCrashed(logger, request.RequestId, exception);
            }
        }

        coalescer.Complete();
        await pump;
    }

    private void Apply(ChatResponseUpdate update, AnswerState answer, DeltaCoalescer coalescer, StreamDeadlines deadlines, string route, long started)
    {
        foreach (var content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text:
                    if (answer.FirstToken is null)
                    {
                        answer.FirstToken = timeProvider.GetElapsedTime(started);
                        telemetry.RecordFirstToken(route, answer.FirstToken.Value);
                    }

                    deadlines.OnToken();
                    coalescer.Append(text.Text);
                    break;
                case UsageContent usage:
                    answer.Usage = new TokenUsage(usage.Details.InputTokenCount ?? 0, usage.Details.OutputTokenCount ?? 0);
                    break;
            }
        }

        if (update.FinishReason is { } finish)
        {
            answer.StopReason = update.AdditionalProperties?.TryGetValue("stopReason", out var raw) == true && raw is string rawReason
                ? rawReason
                : finish.Value;
        }

        if (!string.IsNullOrEmpty(update.ModelId))
        {
            answer.Model = update.ModelId;
        }
    }

    private async Task<ChatOutcome> FinishAsync(ChatRequest request, ActiveRequest active, ClientFrameStream stream, AnswerState answer)
    {
        if (stream.State == DeliveryResult.ClientGone)
        {
            return ChatOutcome.ClientGone;
        }

        if (stream.State == DeliveryResult.Failed)
        {
            return ChatOutcome.DeliveryFailed;
        }

        if (active.Reason != CancelReason.None)
        {
            var frame = UpstreamErrorMapper.FromCancellation(active.Reason);
            if (frame is not null)
            {
                await stream.SendErrorAsync(frame, CancellationToken.None);
            }

            return Classify(active.Reason);
        }

        if (answer.Failure is not null)
        {
            await stream.SendErrorAsync(UpstreamErrorMapper.FromBedrock(answer.Failure), CancellationToken.None);
            return ChatOutcome.Failed;
        }

        if (answer.Crash is not null)
        {
            await stream.SendErrorAsync(UpstreamErrorMapper.Internal(), CancellationToken.None);
            return ChatOutcome.Failed;
        }

        if (answer.StopReason is null)
        {
            // The model stream ended without messageStop: a broken answer is never reported as done.
            await stream.SendErrorAsync(new ErrorFrame(ErrorCodes.StreamInterrupted, "The answer was interrupted before it was complete. Please try again.", true, 500), CancellationToken.None);
            return ChatOutcome.Failed;
        }

        var delivered = await stream.SendDoneAsync(answer.StopReason, answer.Usage, cached: false, answer.Model, CancellationToken.None);
        return delivered switch
        {
            DeliveryResult.Delivered => ChatOutcome.Completed,
            DeliveryResult.ClientGone => ChatOutcome.ClientGone,
            _ => ChatOutcome.DeliveryFailed,
        };
    }

    private static ChatOutcome Classify(CancelReason reason) => reason switch
    {
        CancelReason.ClientGone or CancelReason.ClientDisconnected => ChatOutcome.ClientGone,
        CancelReason.DeliveryFailed => ChatOutcome.DeliveryFailed,
        CancelReason.FirstTokenTimeout or CancelReason.IdleTimeout or CancelReason.TotalTimeout => ChatOutcome.TimedOut,
        _ => ChatOutcome.Cancelled,
    };

    private static List<ChatMessage> BuildPrompt(ChatRequest request) =>
    [
        new(ChatRole.System, request.Profile.SystemPrompt),
        new(ChatRole.User, request.Message),
    ];

    private static ChatOptions BuildOptions(ChatRequest request) => new()
    {
        ModelId = request.Profile.ModelId,
        MaxOutputTokens = request.Profile.MaxTokens,
        Temperature = request.Profile.Temperature,
    };

    /// <summary>What is known about the answer so far.</summary>
    private sealed class AnswerState(string model)
    {
        public string Model { get; set; } = model;

        public string? StopReason { get; set; }

        public TokenUsage? Usage { get; set; }

        public TimeSpan? FirstToken { get; set; }

        public BedrockException? Failure { get; set; }

        public Exception? Crash { get; set; }

        public ChatOutcome Outcome { get; set; } = ChatOutcome.Failed;
    }
}
