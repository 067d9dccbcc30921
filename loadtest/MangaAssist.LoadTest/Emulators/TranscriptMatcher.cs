using MangaAssist.LoadTest.Metrics;
using MangaAssist.LoadTest.Protocol;
using MangaAssist.LoadTest.Running;

namespace MangaAssist.LoadTest.Emulators;

/// <summary>
/// Pairs finished answers with the model's transcripts by the run's unique tag, whichever arrives first:
/// a transcript is written when the model's stream ends, which can be a moment before or after the client
/// sees <c>done</c>. An answer is judged against the last completed transcript of its tag; the model's own time
/// to first token is that of the first attempt that sent a token, so time lost to attempts that failed before
/// any token stays with the service. Not thread-safe: the verifier drives it under its lock.
/// </summary>
internal sealed class TranscriptMatcher(TimeSpan patience, TimeSpan keepUnclaimed)
{
    private readonly Dictionary<string, List<Expectation>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Seen> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(TimeSpan At, string Tag)> _seenOrder = new();
    private readonly HashSet<long> _sequences = [];
    private readonly Queue<long> _sequenceOrder = new();
    private int _waitingCount;

    /// <summary>Answers still waiting for their transcript.</summary>
    public int Waiting => _waitingCount;

    public void Expect(string tag, string text, long? clientTimeToFirstTokenUs, AnswerStats stats, TimeSpan now)
    {
        var expectation = new Expectation(text, clientTimeToFirstTokenUs, stats, now + patience);
        if (_seen.TryGetValue(tag, out var seen) && seen.LastCompleted is not null)
        {
            Judge(expectation, seen);
            return;
        }

        if (!_waiting.TryGetValue(tag, out var list))
        {
            _waiting[tag] = list = [];
        }

        list.Add(expectation);
        _waitingCount++;
    }

    /// <summary>Takes one transcript read from the emulator; a transcript already seen (readers overlap on purpose) is ignored.</summary>
    public void Observe(ModelTranscript transcript, TimeSpan now)
    {
        if (!_sequences.Add(transcript.Sequence) || Questions.FindTag(transcript.LastUserMessage) is not { } tag)
        {
            return;
        }

        _sequenceOrder.Enqueue(transcript.Sequence);
        if (!_seen.TryGetValue(tag, out var seen))
        {
            _seen[tag] = seen = new Seen();
            _seenOrder.Enqueue((now, tag));
        }

        seen.Add(transcript);
        if (seen.LastCompleted is not null && _waiting.Remove(tag, out var waiting))
        {
            _waitingCount -= waiting.Count;
            foreach (var expectation in waiting)
            {
                Judge(expectation, seen);
            }
        }
    }

    /// <summary>Gives up on answers whose transcript did not come within the patience, and forgets old transcripts.</summary>
    public void Expire(TimeSpan now)
    {
        foreach (var (tag, list) in _waiting.Where(entry => entry.Value.Exists(e => e.Deadline <= now)).ToList())
        {
            var expired = list.RemoveAll(e =>
            {
                if (e.Deadline > now)
                {
                    return false;
                }

                e.Stats.RecordTextCheck(verified: false);
                return true;
            });
            _waitingCount -= expired;
            if (list.Count == 0)
            {
                _waiting.Remove(tag);
            }
        }

        while (_seenOrder.TryPeek(out var oldest) && oldest.At + keepUnclaimed <= now)
        {
            _seenOrder.Dequeue();
            _seen.Remove(oldest.Tag);
        }

        // Overlapping reads need only the recent sequences; the set stays bounded.
        while (_sequenceOrder.Count > 100_000)
        {
            _sequences.Remove(_sequenceOrder.Dequeue());
        }
    }

    /// <summary>Every answer still waiting is unverifiable (the run is over).</summary>
    public void GiveUp()
    {
        foreach (var expectation in _waiting.Values.SelectMany(list => list))
        {
            expectation.Stats.RecordTextCheck(verified: false);
        }

        _waiting.Clear();
        _waitingCount = 0;
    }

    private static void Judge(Expectation expectation, Seen seen)
    {
        var stats = expectation.Stats;
        stats.RecordTextCheck(verified: true);
        stats.RecordGrounding(IsGrounded(seen.LastCompleted!.LastUserMessage));
        if (!string.Equals(seen.LastCompleted!.Text, expectation.Text, StringComparison.Ordinal))
        {
            stats.RecordViolation(ViolationKind.TextMismatch, $"TextMismatch: {Questions.FindTag(seen.LastCompleted.LastUserMessage)}: the deltas ({expectation.Text.Length} chars) differ from the model's text");
        }

        if (expectation.ClientTimeToFirstTokenUs is { } client && seen.FirstTokenMs is { } model)
        {
            stats.RecordServiceAdded(client, (long)(model * 1000));
        }
    }

    /// <summary>The service puts catalog passages first in the question's turn, each in a <c>&lt;passage index="n" …&gt;</c> element.</summary>
    internal static bool IsGrounded(string lastUserMessage) => lastUserMessage.Contains("<passage index=", StringComparison.Ordinal);

    private sealed record Expectation(string Text, long? ClientTimeToFirstTokenUs, AnswerStats Stats, TimeSpan Deadline);

    /// <summary>What the transcripts of one tag say so far.</summary>
    private sealed class Seen
    {
        private long _firstTokenSequence = long.MaxValue;

        public ModelTranscript? LastCompleted { get; private set; }

        public double? FirstTokenMs { get; private set; }

        public void Add(ModelTranscript transcript)
        {
            if (transcript.Outcome == "completed" && (LastCompleted is null || transcript.Sequence > LastCompleted.Sequence))
            {
                LastCompleted = transcript;
            }

            if (transcript.FirstTokenMs is { } ms && transcript.Sequence < _firstTokenSequence)
            {
                _firstTokenSequence = transcript.Sequence;
                FirstTokenMs = ms;
            }
        }
    }
}
