using System.Text;

namespace MangaAssist.LoadTest.Protocol;

/// <summary>
/// Follows the frames of one request and checks them against the protocol's promises as they
/// arrive: seq from 0 and contiguous, start first, exactly one terminal frame and nothing after
/// it, no frame over the size limit. Also keeps the client-side timings of the answer.
/// Timestamps are <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// </summary>
internal sealed class AnswerTracker(string requestId, long sentAt, int maxFrameBytes = AnswerTracker.DefaultMaxFrameBytes)
{
    public const int DefaultMaxFrameBytes = 32 * 1024;

    private readonly StringBuilder _text = new();
    private readonly List<ViolationKind> _violations = [];
    private readonly List<string> _details = [];
    private long _nextSeq;

    public string RequestId => requestId;

    public long SentAt => sentAt;

    public long? StartAt { get; private set; }

    public long? FirstDeltaAt { get; private set; }

    public long? LastDeltaAt { get; private set; }

    public long? TerminalAt { get; private set; }

    /// <summary>"done" or "error" once the terminal frame arrived.</summary>
    public string? TerminalType { get; private set; }

    /// <summary>The error code of an <c>error</c> terminal frame.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The <c>retryAfterMs</c> of an <c>error</c> terminal frame (e.g. <c>busy</c>, <c>throttled</c>).</summary>
    public int? RetryAfterMs { get; private set; }

    /// <summary>The <c>done</c> frame said <c>cached: true</c>: the answer was replayed from the response cache.</summary>
    public bool Cached { get; private set; }

    public int Frames { get; private set; }

    public int Deltas { get; private set; }

    public int Citations { get; private set; }

    public int LargestFrameBytes { get; private set; }

    public bool IsFinished => TerminalType is not null;

    public string Text => _text.ToString();

    public IReadOnlyList<ViolationKind> Violations => _violations;

    /// <summary>What the first few violations looked like, for the report.</summary>
    public IReadOnlyList<string> Details => _details;

    /// <summary>Checks one frame of this request; returns the violations it caused (usually none).</summary>
    public int Observe(in ServiceFrame frame, int frameBytes, long receivedAt)
    {
        var before = _violations.Count;
        Frames++;
        LargestFrameBytes = Math.Max(LargestFrameBytes, frameBytes);
        if (frameBytes > maxFrameBytes)
        {
            _violations.Add(ViolationKind.OversizedFrame);
        }

        if (IsFinished)
        {
            _violations.Add(ViolationKind.FrameAfterTerminal);
            Describe($"FrameAfterTerminal: {frame.Type} seq {frame.Seq} after {TerminalType}");
            return _violations.Count - before;
        }

        if (frame.Seq is not { } seq)
        {
            _violations.Add(ViolationKind.MalformedFrame);
        }
        else if (seq != _nextSeq)
        {
            var kind = _nextSeq == 0 ? ViolationKind.SeqNotFromZero : seq > _nextSeq ? ViolationKind.SeqGap : ViolationKind.SeqRepeated;
            _violations.Add(kind);
            Describe($"{kind}: seq {seq} where {_nextSeq} was due ({frame.Type}{(frame.Text is { } t ? $" \"{Shorten(t)}\"" : "")})");
            _nextSeq = seq + 1;
        }
        else
        {
            _nextSeq++;
        }

        var isFirst = Frames == 1;
        switch (frame.Type)
        {
            case "start":
                if (!isFirst)
                {
                    _violations.Add(ViolationKind.FrameOutOfOrder);
                }

                StartAt ??= receivedAt;
                break;
            case "delta":
                if (StartAt is null)
                {
                    _violations.Add(ViolationKind.FrameOutOfOrder);
                }

                if (frame.Text is null)
                {
                    _violations.Add(ViolationKind.MalformedFrame);
                }

                _text.Append(frame.Text);
                Deltas++;
                FirstDeltaAt ??= receivedAt;
                LastDeltaAt = receivedAt;
                break;
            case "citations":
                // The catalog products the answer cited, just before done (docs/protocol.md).
                if (StartAt is null)
                {
                    _violations.Add(ViolationKind.FrameOutOfOrder);
                }

                Citations++;
                break;
            case "done":
                if (StartAt is null)
                {
                    _violations.Add(ViolationKind.FrameOutOfOrder);
                }

                Cached = frame.Cached == true;
                Finish("done", null, receivedAt);
                break;
            case "error":
                RetryAfterMs = frame.RetryAfterMs;
                Finish("error", frame.Code, receivedAt);
                break;
            default:
                _violations.Add(frame.Type is null ? ViolationKind.MalformedFrame : ViolationKind.UnknownFrameType);
                Describe($"{(frame.Type is null ? "MalformedFrame: no type" : $"UnknownFrameType: \"{frame.Type}\"")} at seq {frame.Seq}");
                break;
        }

        return _violations.Count - before;
    }

    /// <summary>The connection closed, or the wait ran past the route's limits, before the terminal frame.</summary>
    public void Abandon(long at)
    {
        if (!IsFinished)
        {
            _violations.Add(ViolationKind.MissingTerminal);
            TerminalAt = at;
        }
    }

    private void Describe(string detail)
    {
        if (_details.Count < 3)
        {
            _details.Add($"{requestId}: {detail}");
        }
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";

    private void Finish(string type, string? code, long at)
    {
        TerminalType = type;
        ErrorCode = code;
        TerminalAt = at;
    }
}
