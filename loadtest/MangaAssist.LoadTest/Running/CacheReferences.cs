using System.Collections.Concurrent;

namespace MangaAssist.LoadTest.Running;

/// <summary>What <see cref="CacheReferences.Check"/> made of a <c>done</c> answer's text.</summary>
internal enum CacheTextVerdict
{
    /// <summary>The first uncached (model) answer to the question: it becomes the reference.</summary>
    Reference,

    /// <summary>A later uncached answer: not compared here (the model's transcript checks it).</summary>
    Uncached,

    /// <summary>A cached answer identical to the reference.</summary>
    Same,

    /// <summary>A cached answer whose text differs from the reference: a violation.</summary>
    Different,

    /// <summary>A cached answer to a question with no reference yet (it cannot be judged).</summary>
    NoReference,
}

/// <summary>
/// Promise 3 for cache replays: the concatenated deltas of every cached answer must be exactly the
/// text of the first (model) answer to the same question.
/// </summary>
internal sealed class CacheReferences
{
    private readonly ConcurrentDictionary<int, string> _first = new();

    public CacheTextVerdict Check(int question, bool cached, string text)
    {
        if (!cached)
        {
            return _first.TryAdd(question, text) ? CacheTextVerdict.Reference : CacheTextVerdict.Uncached;
        }

        if (!_first.TryGetValue(question, out var reference))
        {
            return CacheTextVerdict.NoReference;
        }

        return string.Equals(reference, text, StringComparison.Ordinal) ? CacheTextVerdict.Same : CacheTextVerdict.Different;
    }

    public string? Reference(int question) => _first.TryGetValue(question, out var text) ? text : null;
}
