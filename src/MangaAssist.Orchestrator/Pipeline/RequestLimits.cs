using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.RateLimiting;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// The limits shared by every instance (through Redis; per instance while Redis is down): messages
/// per principal and per connection, output tokens per principal and, when configured, money per principal; guests
/// have their own, tighter buckets. Over a limit the request is refused with the limit that was reached and the
/// time until it would pass.
/// </summary>
public sealed class RequestLimits(IRateLimiter limiter, ILogger<RequestLimits> logger, IOptions<RateLimitOptions>? rateLimits = null, IAnswerPhases? phases = null)
{
    /// <summary>
    /// The limits; with <see cref="IAnswerPhases"/> in the same round trip the session's turns and, when
    /// <paramref name="readFleetSpend"/>, the fleet's spend are read for the later stages (<see cref="Answer.PrefetchedTurns"/>).
    /// </summary>
    public async Task<LimitExceeded?> CheckAsync(Answer answer, bool readFleetSpend)
    {
        if (phases is null)
        {
            return await CheckAsync(answer.Request, answer.Token);
        }

        var request = answer.Request;
        var checks = Checks(request);
        var (sessionId, maxTokens) = ConversationMemory.ReadOf(request);
        AdmitReply reply;
        try
        {
            reply = await phases.AdmitAsync(new AdmitCall(checks, sessionId, ConversationMemory.MaxTurns, maxTokens, readFleetSpend, answer.LeaseToTake, answer.StartToLog), answer.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // As below; the later stages read what admission did not.
            Log.LimiterUnavailable(logger, "all", exception.GetType().Name);
            return null;
        }

        (answer.PrefetchedTurns, answer.PrefetchedFleetSpend, answer.TakenLeaseId) = (reply.Turns, reply.FleetSpend, reply.LeaseEntryId);
        if (reply.StartLogged)
        {
            answer.Stream.StartWasLogged(answer.Request.Profile.ModelId);
        }

        if (reply.LeaseEntryId is { } leaseId && answer.LeaseToTake is { } take)
        {
            // Whatever frame ends the answer from here on (a refusal's too) completes the lease in the same write.
            answer.Stream.Settlement?.CompleteLease(take.Queue, leaseId, take.AttachmentKey);
        }

        return Exceeded(checks, reply.Verdict);
    }

    public async Task<LimitExceeded?> CheckAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var checks = Checks(request);

        // Every bucket in one call (one Redis round trip), taken in this order as before.
        RateLimitVerdict verdict;
        try
        {
            verdict = await limiter.TryAcquireEachAsync(checks, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A limiter that cannot answer does not stop shoppers from getting answers.
            Log.LimiterUnavailable(logger, "all", exception.GetType().Name);
            return null;
        }

        return Exceeded(checks, verdict);
    }

    private static LimitExceeded? Exceeded(List<(RateLimitScope Scope, string Id)> checks, RateLimitVerdict verdict) =>
        verdict.Allowed ? null : new LimitExceeded(checks[verdict.RefusedAt].Scope, verdict.Decision.RetryAfter);

    private List<(RateLimitScope Scope, string Id)> Checks(ChatRequest request)
    {
        var checks = new List<(RateLimitScope Scope, string Id)>
        {
            (RateLimitScope.ConnectionMessages, request.ConnectionId),
            (MessagesScope(request), request.LimitKey),
            (OutputTokensScope(request), request.LimitKey),
        };
        if (SpendBudgetOn(request))
        {
            // One micro-unit up front: refused only while an earlier answer's price is still being repaid.
            checks.Add((SpendScope(request), request.LimitKey));
        }

        return checks;
    }

    /// <summary>Adds the answer's charges to its settlement (see <see cref="ChargeOutputAsync"/> and <see cref="ChargeSpendAsync"/>).</summary>
    public void Charge(ChatRequest request, long outputTokens, decimal? amount, AnswerSettlement settlement)
    {
        if (outputTokens > 1)
        {
            settlement.Charge(OutputTokensScope(request), request.LimitKey, outputTokens - 1);
        }

        var micros = amount is { } price ? SpendBudget.ToMicros(price) : 0;
        if (micros > 0 && SpendBudgetOn(request))
        {
            settlement.Charge(SpendScope(request), request.LimitKey, micros);
        }
    }

    /// <summary>Charges the rest of an answer's output tokens to the user's budget (one was taken up front).</summary>
    public async Task ChargeOutputAsync(ChatRequest request, long outputTokens)
    {
        if (outputTokens <= 1)
        {
            return;
        }

        try
        {
            await limiter.ChargeAsync(OutputTokensScope(request), request.LimitKey, outputTokens - 1);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.LimiterUnavailable(logger, OutputTokensScope(request).ToString(), exception.GetType().Name);
        }
    }

    /// <summary>Charges an answer's price (in the shop's currency) to the principal's money budget, when it is on.</summary>
    public async Task ChargeSpendAsync(ChatRequest request, decimal amount)
    {
        var micros = SpendBudget.ToMicros(amount);
        if (micros <= 0 || !SpendBudgetOn(request))
        {
            return;
        }

        try
        {
            await limiter.ChargeAsync(SpendScope(request), request.LimitKey, micros);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.LimiterUnavailable(logger, SpendScope(request).ToString(), exception.GetType().Name);
        }
    }

    private bool SpendBudgetOn(ChatRequest request) =>
        rateLimits?.Value is { } settings && (request.Principal.IsGuest ? settings.GuestSpend : settings.UserSpend).IsOn;

    private static RateLimitScope SpendScope(ChatRequest request) =>
        request.Principal.IsGuest ? RateLimitScope.GuestSpend : RateLimitScope.UserSpend;

    private static RateLimitScope MessagesScope(ChatRequest request) =>
        request.Principal.IsGuest ? RateLimitScope.GuestMessages : RateLimitScope.UserMessages;

    private static RateLimitScope OutputTokensScope(ChatRequest request) =>
        request.Principal.IsGuest ? RateLimitScope.GuestOutputTokens : RateLimitScope.UserOutputTokens;
}
