using System.Collections.Concurrent;

namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// Counts the requests that carried each exact message with an <c>xK</c> fault marker, so
/// <c>[[fault:reset:5:x1]]</c> breaks the first attempt and lets the retry (or the continuation) through.
/// Markers scoped to a model (<c>@TEXT</c>) count apart, by message and scope.
/// </summary>
internal sealed class MarkerRequestCounter
{
    /// <summary>Bounds memory when a load test sends many distinct messages; forgetting old counts only re-arms faults.</summary>
    private const int MaxTrackedMessages = 100_000;

    private readonly ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

    /// <summary>Records one more request with this message (and model scope, empty for none) and returns its 1-based ordinal.</summary>
    public int Next(string message, string scope)
    {
        var key = scope.Length == 0 ? message : message + "\u0000@" + scope;
        if (_seen.Count >= MaxTrackedMessages)
        {
            _seen.Clear();
        }

        return _seen.AddOrUpdate(key, 1, static (_, count) => count + 1);
    }

    public void Clear() => _seen.Clear();
}
