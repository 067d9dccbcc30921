using MangaAssist.Orchestrator.Intake;
using MangaAssist.SharedState.RateLimiting;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// The limits shared by every instance (through Redis; per instance while Redis is down): messages
/// per principal and per connection, and output tokens per principal; guests have their own, tighter buckets. Over a limit the request is refused
/// with the limit that was reached and the time until it would pass.
/// </summary>
public sealed class RequestLimits(IRateLimiter limiter, ILogger<RequestLimits> logger)
{
    public async Task<LimitExceeded?> CheckAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var checks = new (RateLimitScope Scope, string Id)[]
        {
            (RateLimitScope.ConnectionMessages, request.ConnectionId),
            (MessagesScope(request), request.LimitKey),
            (OutputTokensScope(request), request.LimitKey),
        };

        foreach (var (scope, id) in checks)
        {
            RateLimitDecision decision;
            try
            {
                decision = await limiter.TryAcquireAsync(scope, id, 1, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A limiter that cannot answer does not stop shoppers from getting answers.
                Log.LimiterUnavailable(logger, scope.ToString(), exception.GetType().Name);
                continue;
            }

            if (!decision.Allowed)
            {
                return new LimitExceeded(scope, decision.RetryAfter);
            }
        }

        return null;
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

    private static RateLimitScope MessagesScope(ChatRequest request) =>
        request.Principal.IsGuest ? RateLimitScope.GuestMessages : RateLimitScope.UserMessages;

    private static RateLimitScope OutputTokensScope(ChatRequest request) =>
        request.Principal.IsGuest ? RateLimitScope.GuestOutputTokens : RateLimitScope.UserOutputTokens;
}
