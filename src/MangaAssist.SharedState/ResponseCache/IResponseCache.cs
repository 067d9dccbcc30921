namespace MangaAssist.SharedState.ResponseCache;

/// <summary>Complete answers by <see cref="ResponseCacheKey"/>, shared by every instance, each kept for <c>SharedState:ResponseCache:Ttl</c>.</summary>
public interface IResponseCache
{
    /// <summary>The stored answer, or null on a miss (also when Redis is unavailable and the local fallback has none).</summary>
    Task<CompletedAnswer?> TryGetAsync(ResponseCacheKey key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="answer"/> when <see cref="CompletedAnswer.IsCacheable"/>; returns whether it was stored.</summary>
    Task<bool> SetAsync(ResponseCacheKey key, CompletedAnswer answer, CancellationToken cancellationToken = default);
}
