using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.RateLimiting;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// The limits shared by every instance (through Redis; per instance while Redis is down): messages
/// per user and per connection, and output tokens per user. Over a limit the request is refused
/// with <c>rate_limited</c> and the time until it would pass.
/// </summary>
public sealed class RequestLimits(IRateLimiter limiter, ILogger<RequestLimits> logger)
{
    public async Task<ErrorFrame?> CheckAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var checks = new (RateLimitScope Scope, string Id, string What)[]
        {
            (RateLimitScope.ConnectionMessages, request.ConnectionId, "messages on this connection"),
            (RateLimitScope.UserMessages, request.LimitKey, "messages"),
            (RateLimitScope.UserOutputTokens, request.LimitKey, "answer length"),
        };

        foreach (var (scope, id, what) in checks)
        {
            RateLimitDecision decision;
            try
            {
                decision = await limiter.TryAcquireAsync(scope, id, 1, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A limiter that cannot answer does not stop shoppers from getting answers.
                Diagnostics.Log.LimiterUnavailable(logger, scope.ToString(), exception.GetType().Name);
                continue;
            }

            if (!decision.Allowed)
            {
                var retryAfter = (int)Math.Max(1, Math.Ceiling(decision.RetryAfter.TotalMilliseconds));
                return new ErrorFrame(ErrorCodes.RateLimited, $"Too many requests: the limit on {what} was reached. Please wait before asking again.", true, retryAfter);
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
            await limiter.ChargeAsync(RateLimitScope.UserOutputTokens, request.LimitKey, outputTokens - 1);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Diagnostics.Log.LimiterUnavailable(logger, nameof(RateLimitScope.UserOutputTokens), exception.GetType().Name);
        }
    }
}
