using MangaAssist.SharedState.Internal;

namespace MangaAssist.SharedState.ResponseCache;

/// <summary>The response cache of one process.</summary>
internal sealed class InMemoryResponseCache : IResponseCache
{
    private readonly LocalExpiringMap<CompletedAnswer> _answers;
    private readonly TimeSpan _ttl;

    public InMemoryResponseCache(ResponseCacheOptions options, TimeProvider timeProvider)
    {
        _ttl = options.Ttl;
        _answers = new LocalExpiringMap<CompletedAnswer>(timeProvider, options.MaxLocalEntries);
    }

    public Task<CompletedAnswer?> TryGetAsync(ResponseCacheKey key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_answers.TryGet(key.Value, out var answer) ? answer : null);

    public Task<bool> SetAsync(ResponseCacheKey key, CompletedAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.IsCacheable)
        {
            return Task.FromResult(false);
        }

        _answers.Set(key.Value, answer, _ttl);
        return Task.FromResult(true);
    }
}
