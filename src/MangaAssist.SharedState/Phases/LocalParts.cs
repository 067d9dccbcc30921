using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Spend;
using Microsoft.Extensions.Logging;

namespace MangaAssist.SharedState.Phases;

/// <summary>
/// The phases while Redis is unavailable: each part served by its capability's local fallback, as that capability
/// would serve it (data written here stays local). The frame log has no fallback, so it is not here.
/// </summary>
internal sealed class LocalParts(
    InMemoryRateLimiter limiter,
    InMemorySessionMemory sessions,
    InMemorySpendWindow spend,
    InMemoryResponseCache cache,
    SharedStateTelemetry telemetry,
    ILogger<LocalParts> logger)
{
    public async Task<AdmitReply> AdmitAsync(AdmitCall call, CancellationToken cancellationToken)
    {
        FellBack("rate_limits");
        var verdict = await ((IRateLimiter)limiter).TryAcquireEachAsync(call.Buckets, cancellationToken);
        if (!verdict.Allowed)
        {
            return new AdmitReply(verdict, null, null);
        }

        IReadOnlyList<ConversationTurn>? turns = null;
        if (call.SessionId is not null)
        {
            FellBack("session_memory");
            turns = await sessions.ReadRecentAsync(call.SessionId, call.MaxTurns, call.MaxApproxTokens, cancellationToken);
        }

        decimal? fleetSpend = null;
        if (call.ReadFleetSpend)
        {
            FellBack("spend_window");
            fleetSpend = await spend.LastMinuteAsync(cancellationToken);
        }

        return new AdmitReply(verdict, turns, fleetSpend);
    }

    public async Task<LookupReply> LookupAsync(ResponseCacheKey key, RedisAnswerFlights flights, CancellationToken cancellationToken)
    {
        FellBack("response_cache");
        var cached = await cache.TryGetAsync(key, cancellationToken);
        return cached is not null ? new LookupReply(cached, null) : new LookupReply(null, await flights.FallBackAsync(key.Value, cancellationToken));
    }

    /// <summary>The settlement's parts that have a local fallback; the fleet's spend was already counted locally.</summary>
    public async Task SettleAsync(AnswerSettlement settlement)
    {
        if (settlement.CacheStore is { } store)
        {
            FellBack("response_cache");
            await cache.SetAsync(store.Key, store.Answer);
        }

        if (settlement.Charges.Count > 0)
        {
            FellBack("rate_limits");
            foreach (var (scope, id, permits) in settlement.Charges)
            {
                await limiter.ChargeAsync(scope, id, permits);
            }
        }

        if (settlement.FleetSpend > 0)
        {
            FellBack("spend_window");
        }

        if (settlement.Turns is { } remembered)
        {
            FellBack("session_memory");
            await ((ISessionMemory)sessions).AppendTurnsAsync(remembered.SessionId, remembered.Turns);
        }
    }

    /// <summary>The local spend window counts every answer's spend, as <c>RedisSpendWindow</c> does, so a fallback starts from it.</summary>
    public Task CountSpendAsync(decimal amount) => spend.AddAsync(amount);

    private void FellBack(string capability)
    {
        telemetry.RecordFallback(capability);
        Log.FellBack(logger, capability);
    }
}
