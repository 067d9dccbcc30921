using System.Collections.Concurrent;
using MangaAssist.Emulators.Bedrock.Kernel;
using MangaAssist.Emulators.Bedrock.Models;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Bedrock's prompt cache, as a client sees it: a prefix of at least the model's minimum length is written on
/// first use and read while it is used again within the time to live (five minutes, renewed by each hit).
/// </summary>
internal sealed class PromptCache(TimeProvider time)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<ulong, DateTimeOffset> _expiries = new();

    /// <summary>Tokens read from and written to the cache for this request.</summary>
    public (int Read, int Written) Use(ConverseRequest request, ModelTraits traits)
    {
        if (request.Cache is not { } prefix || !traits.PromptCaching || prefix.Tokens < traits.MinCacheTokens || prefix.Tokens == 0)
        {
            return (0, 0);
        }

        var now = time.GetUtcNow();
        var hit = _expiries.TryGetValue(prefix.Hash, out var expiry) && expiry > now;
        _expiries[prefix.Hash] = now + TimeToLive;
        return hit ? (prefix.Tokens, 0) : (0, prefix.Tokens);
    }

    public void Clear() => _expiries.Clear();
}
