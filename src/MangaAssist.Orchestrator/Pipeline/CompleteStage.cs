using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Spend;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Complete: exactly one terminal frame. <c>done</c> (after the <c>citations</c>) only when the
/// answer is complete and the client can still be reached; then the turn is remembered and the
/// model's output tokens and price charged (the price also to the fleet's spend window). Otherwise the error frame that says why.
/// </summary>
public sealed class CompleteStage(ConversationMemory memory, RequestLimits limits, ChatTelemetry telemetry, ILogger<CompleteStage> logger, ISpendWindow? fleetSpend = null)
{
    public async Task<AnswerOutcome> CompleteAsync(Answer answer, CompletedAnswer? completed)
    {
        if (answer.StreamBroken)
        {
            return answer.StreamOutcome;
        }

        if (answer.Active.Reason != CancelReason.None)
        {
            return await answer.StopAsync();
        }

        if (completed is null)
        {
            return await FailAsync(answer);
        }

        answer.Finished = completed;
        var (request, stream) = (answer.Request, answer.Stream);
        Log.AnswerSource(logger, request.RequestId, answer.Source.Name());
        telemetry.RecordAnswerSource(request.Route, answer.Source);
        if (completed.Citations.Count > 0)
        {
            await stream.SendCitationsAsync(completed.Citations, CancellationToken.None);
        }

        // Charges land before `done`: a client that asks again the moment it sees `done` (on this instance or another)
        // must meet its own spent budget and the fleet's spend, not a window in which they are not yet counted.
        var cached = answer.Source == AnswerSource.Cache;
        if (!cached)
        {
            // A follower's tokens were billed to the leader; it is charged only the one taken up front.
            await limits.ChargeOutputAsync(request, answer.Source == AnswerSource.SharedFlight ? 1 : completed.Usage.OutputTokens);
        }

        if (!cached && answer.Source != AnswerSource.SharedFlight && completed.Usage.Cost is decimal cost && cost > 0)
        {
            // Counted once, by the instance that paid for it, so every instance's breaker sees the fleet's spend.
            await limits.ChargeSpendAsync(request, cost);
            if (fleetSpend is not null)
            {
                await fleetSpend.AddAsync(cost, CancellationToken.None);
            }
        }

        var delivered = await stream.SendDoneAsync(completed.StopReason, completed.Usage, cached, completed.Model, CancellationToken.None);
        await memory.RememberAsync(request, completed.Text);
        return delivered switch
        {
            DeliveryResult.Delivered => AnswerOutcome.Completed,
            DeliveryResult.ClientGone => AnswerOutcome.ClientGone,
            _ => AnswerOutcome.DeliveryFailed,
        };
    }

    private async Task<AnswerOutcome> FailAsync(Answer answer)
    {
        var outcome = answer.Generation?.Outcome;
        if (outcome?.Failure is { } failure)
        {
            Log.UpstreamFailed(logger, answer.Request.RequestId, failure.Kind, failure.StatusCode, failure.AwsErrorType,
                failure.InStream, failure.IsRetryable, failure.RequestId);
        }

        await answer.Stream.SendErrorAsync(outcome is null ? ErrorCatalog.Internal : ErrorCatalog.ForModelFailure(outcome), CancellationToken.None);
        return outcome?.IsTimeout == true ? AnswerOutcome.TimedOut : AnswerOutcome.Failed;
    }
}
