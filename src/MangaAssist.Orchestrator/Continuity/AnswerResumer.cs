using System.Diagnostics;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Jobs;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Pipeline.Sources;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>
/// Finishes an answer whose task died or drained: reads its frame log (the text so far, the next seq), continues the
/// model from there and posts the rest to the same connection, with exactly one terminal frame; then remembers the
/// turn, charges and caches it as a normal completion would. A connection gone meanwhile gets the rest in the log.
/// </summary>
public sealed class AnswerResumer(
    AnswerLeases leases, AnswerHandover handover, IWorkQueue queue, ResumedStreams streams, AnswerContinuation continuation, CompleteStage complete,
    ChatRequestRegistry registry, IResponseCache cache, IOptions<ChatRoutesOptions> routes, ContinuityTelemetry telemetry, TimeProvider timeProvider,
    ILogger<AnswerResumer> logger)
{
    public async Task RunAsync(ClaimedWork claimed)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var ticket = claimed.Attachment is { } bytes ? AnswerTicket.Decode(bytes) : null;
        if (ticket is null || ShopperPrincipal.FromId(ticket.PrincipalId) is not { } principal)
        {
            // No ticket (forgotten, expired, or the answer completed meanwhile): nothing to continue.
            await queue.CompleteAsync(claimed.Lease, CancellationToken.None);
            telemetry.RecordTakeover("no_ticket");
            return;
        }

        using var activity = Start(ticket);
        if (!registry.TryBegin(ticket.ConnectionId, ticket.RequestId, out var active, principal.Id))
        {
            // Still running here (this task's own lease went stale): its heartbeat holds the lease again.
            telemetry.RecordTakeover("running_here");
            return;
        }

        var profile = ticket.Route == ClientActions.Analyze ? routes.Value.Analyze : routes.Value.SendMessage;
        var request = new ChatRequest(ticket.ConnectionId, ticket.RequestId, ticket.SessionId, ticket.Message, ticket.Route, profile, principal, activity?.Context ?? default);
        leases.Hold(claimed.Lease, active!);
        var (outcome, fromSeq, frames) = ("crashed", 0L, 0L);
        try
        {
            (outcome, fromSeq, frames) = await ContinueAsync(ticket, request, active!);
        }
        catch (Exception exception)
        {
            Log.TakeoverCrashed(logger, claimed.Lease.WorkId, exception);
        }
        finally
        {
            await leases.ReleaseAsync(active!);
            registry.End(active!);
            telemetry.RecordTakeover(outcome);
            activity?.SetTag("mangaassist.takeover.outcome", outcome);
            Log.TakenOver(logger, ticket.RequestId, ticket.ConnectionId, outcome, fromSeq, frames);
        }
    }

    private async Task<(string Outcome, long FromSeq, long Frames)> ContinueAsync(AnswerTicket ticket, ChatRequest request, ActiveRequest active)
    {
        var logKey = ShopperKeys.FrameLog(ticket.PrincipalId, ticket.SessionId, ticket.RequestId);
        JobFrameSnapshot snapshot;
        try
        {
            snapshot = await JobFrameSnapshot.ReadAsync(streams.FrameLog, logKey, timeProvider, active.Token);
        }
        catch (FrameLogReadException failure)
        {
            // Frames were lost or trimmed: continuing would leave a hole, so the answer is left as it is.
            return ("log_" + failure.Failure.ToString().ToLowerInvariant(), 0, 0);
        }

        if (snapshot.TerminalType is not null)
        {
            return ("already_ended", snapshot.NextSeq, 0);
        }

        active.PostsFromSeq = snapshot.NextSeq;
        var answer = new Answer(request, active, streams.Open(ticket, active, snapshot.NextSeq), timeProvider.GetTimestamp());
        var handedOver = false;
        try
        {
            answer.Outcome = await AnswerAsync(answer, snapshot, () => handedOver = true);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.TakeoverCrashed(logger, ticket.RequestId, exception);
            await answer.FailAsync();
        }
        finally
        {
            if (!handedOver)
            {
                await answer.CloseLogAsync();
            }
        }

        return (OutcomeName(answer.Outcome), snapshot.NextSeq, answer.Stream.NextSeq - snapshot.NextSeq);
    }

    private async Task<AnswerOutcome> AnswerAsync(Answer answer, JobFrameSnapshot snapshot, Action handedOver)
    {
        if (snapshot.NextSeq == 0)
        {
            // The task died before its start frame was logged, so before it was posted: this one starts the answer.
            await answer.Stream.SendStartAsync(answer.Request.Profile.ModelId, CancellationToken.None);
        }

        var (history, context) = await continuation.PrepareAsync(answer);
        var completed = answer.StreamBroken ? null : await continuation.ContinueAsync(answer, context, snapshot.Text);
        if (await handover.TryFinishAsync(answer))
        {
            handedOver();
            return AnswerOutcome.HandedOver;
        }

        var outcome = await complete.CompleteAsync(answer, completed);
        if (completed is { IsCacheable: true } && SharedAnswerKey.For(answer.Request, context, history) is { } key)
        {
            await StoreAsync(key, completed);
        }

        return outcome;
    }

    private async Task StoreAsync(ResponseCacheKey key, CompletedAnswer completed)
    {
        try
        {
            await cache.SetAsync(key, completed);
        }
        catch (MangaAssist.SharedState.Redis.SharedStateUnavailableException)
        {
            // The cache is an optimisation; the answer was delivered.
        }
    }

    /// <summary>The take-over's span: a new trace linked to the original request's, which ended with its task.</summary>
    private static Activity? Start(AnswerTicket ticket)
    {
        ActivityLink[]? links = ticket.TraceParent is { } parent && ActivityContext.TryParse(parent, null, out var original) ? [new ActivityLink(original)] : null;
        var activity = ChatTelemetry.ActivitySource.StartActivity("takeover " + ticket.Route, ActivityKind.Internal, default(ActivityContext), links: links);
        activity?.SetTag("mangaassist.request_id", ticket.RequestId);
        activity?.SetTag("mangaassist.connection_id", ticket.ConnectionId);
        return activity;
    }

    private static string OutcomeName(AnswerOutcome outcome) => outcome switch
    {
        AnswerOutcome.Completed => "completed",
        AnswerOutcome.ClientGone => "client_gone",
        AnswerOutcome.HandedOver => "handed_over",
        AnswerOutcome.Cancelled => "cancelled",
        AnswerOutcome.TimedOut => "timed_out",
        AnswerOutcome.DeliveryFailed => "delivery_failed",
        _ => "failed",
    };
}
