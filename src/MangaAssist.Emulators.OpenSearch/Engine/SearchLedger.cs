using System.Collections.Concurrent;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>One search the stand-in answered: the index and the ids of the hits it returned, best first.</summary>
public sealed record LedgerEntry(string Index, IReadOnlyList<string> HitIds);

/// <summary>
/// The last searches answered (bounded), so a test can check that an answer's citations came from what the stand-in
/// returned. Ids only: never a query's text.
/// </summary>
public sealed class SearchLedger
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<LedgerEntry> _entries = new();
    private int _count;

    /// <summary>Searches answered since start (not bounded by the kept entries).</summary>
    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<LedgerEntry> Entries => [.. _entries];

    internal void Record(string index, IEnumerable<string> ids)
    {
        _entries.Enqueue(new LedgerEntry(index, [.. ids]));
        Interlocked.Increment(ref _count);
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }
}
