namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>A fixed-size ring of the most recent transcripts; writers claim a slot with one Interlocked increment.</summary>
internal sealed class TranscriptStore(int capacity)
{
    private readonly Transcript?[] _slots = new Transcript?[capacity];
    private long _written;

    public long NextSequence() => Interlocked.Increment(ref _written);

    public void Add(Transcript transcript) => Volatile.Write(ref _slots[(int)(transcript.Sequence % _slots.Length)], transcript);

    /// <summary>The kept transcripts, oldest first, optionally only those whose last user message contains <paramref name="contains"/>.</summary>
    public IReadOnlyList<Transcript> Recent(string? contains) =>
        _slots
            .Select(slot => Volatile.Read(ref slot))
            .OfType<Transcript>()
            .Where(t => string.IsNullOrEmpty(contains) || t.LastUserMessage.Contains(contains, StringComparison.Ordinal))
            .OrderBy(t => t.Sequence)
            .ToArray();

    /// <summary>
    /// Up to <paramref name="limit"/> kept transcripts with a sequence above <paramref name="after"/>, oldest first:
    /// a reader that follows the ring by sequence reads only what is new, however large the ring.
    /// A sequence claimed but not yet written is skipped; a reader that asks again from a little earlier finds it.
    /// </summary>
    public IReadOnlyList<Transcript> After(long after, int limit)
    {
        var last = Volatile.Read(ref _written);
        var list = new List<Transcript>(Math.Clamp((int)Math.Min(last - after, limit), 0, 1024));
        for (var sequence = Math.Max(after + 1, last - _slots.Length + 1); sequence <= last && list.Count < limit; sequence++)
        {
            if (Volatile.Read(ref _slots[(int)(sequence % _slots.Length)]) is { } transcript && transcript.Sequence == sequence)
            {
                list.Add(transcript);
            }
        }

        return list;
    }

    public void Clear()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            Volatile.Write(ref _slots[i], null);
        }
    }
}
