using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Spend;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Complete: exactly one terminal frame. <c>done</c> (after the <c>citations</c>) only when the
/// answer is complete and the client can still be reached, after the turn is remembered and the model's output
/// tokens and price charged (the price also to the fleet's spend window). Otherwise the error frame that says why.
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
        // Charges and the remembered turn land before `done`: a client that asks again the moment it sees `done` (on
        // this instance or another) must meet its own spent budget, the fleet's spend and this turn in its history.
        // They are independent, so they go out together, beside the citations post: one round trip of waiting. With Redis
        // they ride in the terminal frame's write instead, which lands before `done` is posted.
        var settled = stream.Settlement is { } settlement
            ? Settle(answer, completed, settlement)
            : Task.WhenAll(ChargeAsync(answer, completed), memory.RememberAsync(request, completed.Text));
        if (completed.Citations.Count > 0)
        {
            await stream.SendCitationsAsync(completed.Citations, CancellationToken.None);
        }

        await settled;
        var delivered = await stream.SendDoneAsync(completed.StopReason, completed.Usage, answer.Source == AnswerSource.Cache, completed.Model, CancellationToken.None);
        return delivered switch
        {
            DeliveryResult.Delivered => AnswerOutcome.Completed,
            DeliveryResult.ClientGone => AnswerOutcome.ClientGone,
            _ => AnswerOutcome.DeliveryFailed,
        };
    }

    private Task Settle(Answer answer, CompletedAnswer completed, AnswerSettlement settlement)
    {
        var request = answer.Request;
        if (answer.Source != AnswerSource.Cache)
        {
            // As ChargeAsync: a follower is charged only the token taken up front; the spend is counted once, by the payer.
            var paid = answer.Source != AnswerSource.SharedFlight && completed.Usage.Cost is decimal cost && cost > 0 ? completed.Usage.Cost : null;
            limits.Charge(request, answer.Source == AnswerSource.SharedFlight ? 1 : completed.Usage.OutputTokens, paid, settlement);
            if (paid is { } amount && fleetSpend is not null)
            {
                settlement.AddFleetSpend(amount);
            }
        }

        settlement.Remember(ConversationMemory.ReadOf(request).SessionId, ConversationMemory.TurnOf(request, completed.Text));
        return Task.CompletedTask;
    }

    private async Task ChargeAsync(Answer answer, CompletedAnswer completed)
    {
        if (answer.Source == AnswerSource.Cache)
        {
            return;
        }

        var request = answer.Request;
        // A follower's tokens were billed to the leader; it is charged only the one taken up front.
        var output = limits.ChargeOutputAsync(request, answer.Source == AnswerSource.SharedFlight ? 1 : completed.Usage.OutputTokens);
        if (answer.Source == AnswerSource.SharedFlight || completed.Usage.Cost is not decimal cost || cost <= 0)
        {
            await output;
            return;
        }

        // Counted once, by the instance that paid for it, so every instance's breaker sees the fleet's spend.
        await Task.WhenAll(output, limits.ChargeSpendAsync(request, cost), fleetSpend?.AddAsync(cost, CancellationToken.None) ?? Task.CompletedTask);
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
