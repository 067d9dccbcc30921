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

    public void Clear()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            Volatile.Write(ref _slots[i], null);
        }
    }
}
