namespace MangaAssist.SharedState.RateLimiting;

/// <summary>
/// Token buckets shared by every instance (one atomic Lua script per call, on Redis's clock). While Redis
/// is unavailable each instance enforces the same limits locally, so a client spread over N instances may
/// get up to N times its limit during an outage.
/// </summary>
public interface IRateLimiter
{
    /// <summary>Takes <paramref name="permits"/> from the bucket of (<paramref name="scope"/>, <paramref name="id"/>) if it holds that many; otherwise takes nothing.</summary>
    Task<RateLimitDecision> TryAcquireAsync(RateLimitScope scope, string id, long permits = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes <paramref name="permits"/> whatever the bucket holds (down to −capacity), for costs known only
    /// afterwards, such as an answer's output tokens; later acquisitions wait until the debt is refilled.
    /// </summary>
    Task<RateLimitDecision> ChargeAsync(RateLimitScope scope, string id, long permits, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes one permit from each bucket in order and stops at the first that refuses (the ones before it keep
    /// theirs, as separate calls would); the shared limiter does all of it in one Redis round trip.
    /// </summary>
    async Task<RateLimitVerdict> TryAcquireEachAsync(IReadOnlyList<(RateLimitScope Scope, string Id)> buckets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        for (var i = 0; i < buckets.Count; i++)
        {
            var decision = await TryAcquireAsync(buckets[i].Scope, buckets[i].Id, 1, cancellationToken).ConfigureAwait(false);
            if (!decision.Allowed)
            {
                return new RateLimitVerdict(i, decision);
            }
        }

        return RateLimitVerdict.AllAllowed;
    }
}

/// <summary>What is limited; each scope has its own <see cref="TokenBucketPolicy"/>.</summary>
public enum RateLimitScope
{
    /// <summary>Messages per user (id: the user id).</summary>
    UserMessages,

    /// <summary>Messages per WebSocket connection (id: the connection id).</summary>
    ConnectionMessages,

    /// <summary>Model output tokens per user (id: the user id): acquire 1 before answering, charge the rest after.</summary>
    UserOutputTokens,

    /// <summary>Messages per guest (id: the guest's principal id): tighter than a signed-in user's.</summary>
    GuestMessages,

    /// <summary>Model output tokens per guest (id: the guest's principal id).</summary>
    GuestOutputTokens,

    /// <summary>Guest tokens minted per source IP address (id: the address).</summary>
    GuestTokenMints,

    /// <summary>Model spend per user in micro-units of the shop's currency (id: the user id), when the budget is on.</summary>
    UserSpend,

    /// <summary>Model spend per guest in micro-units of the shop's currency (id: the guest's principal id).</summary>
    GuestSpend,
}

/// <param name="Allowed">Whether the permits were taken (always true for a charge).</param>
/// <param name="RetryAfter">When denied: how long until the permits would be there; otherwise zero.</param>
/// <param name="Remaining">Tokens left in the bucket (negative after a charge beyond it).</param>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter, double Remaining);
