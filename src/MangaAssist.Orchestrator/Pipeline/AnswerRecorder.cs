using System.Diagnostics;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>An answer's span, its end-of-answer metrics and its summary log line.</summary>
public sealed class AnswerRecorder(ChatTelemetry telemetry, TimeProvider timeProvider, ILogger<AnswerRecorder> logger)
{
    public static Activity? Start(ChatRequest request)
    {
        var activity = ChatTelemetry.ActivitySource.StartActivity("chat " + request.Route, ActivityKind.Internal, request.TraceParent);
        activity?.SetTag("mangaassist.route", request.Route);
        activity?.SetTag("mangaassist.request_id", request.RequestId);
        activity?.SetTag("mangaassist.connection_id", request.ConnectionId);
        return activity;
    }

    public void Ended(Answer answer, Activity? activity)
    {
        var elapsed = timeProvider.GetElapsedTime(answer.StartedTimestamp);
        var (finished, frames) = (answer.Finished, answer.Stream.NextSeq);
        telemetry.RecordAnswer(answer.Request.Route, answer.Outcome, elapsed, frames);
        activity?.SetTag("mangaassist.outcome", answer.Outcome.ToString());
        activity?.SetTag("mangaassist.source", answer.Source.Name());
        activity?.SetTag("mangaassist.frames", frames);
        activity?.SetTag("mangaassist.time_to_first_token_ms", answer.FirstToken?.TotalMilliseconds);
        activity?.SetTag("gen_ai.response.model", finished?.Model);
        activity?.SetTag("gen_ai.usage.input_tokens", finished?.Usage.InputTokens);
        activity?.SetTag("gen_ai.usage.output_tokens", finished?.Usage.OutputTokens);
        Log.RequestEnded(logger, answer.Request.RequestId, answer.Outcome, elapsed.TotalMilliseconds, answer.Source.Name(),
            answer.FirstToken?.TotalMilliseconds ?? -1, frames, finished?.Usage.OutputTokens ?? 0, finished?.StopReason);
    }
}
