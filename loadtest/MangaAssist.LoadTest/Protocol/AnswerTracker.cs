using MangaAssist.Protocol.Oracle;

namespace MangaAssist.LoadTest.Protocol;

/// <summary>
/// One request as the load tool sees it: the shared <see cref="AnswerOracle"/> judges its frames
/// against the protocol's promises, and this adds the client-side timings of the answer.
/// Timestamps are <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// </summary>
internal sealed class AnswerTracker(string requestId, long sentAt, int maxFrameBytes = AnswerOracle.DefaultMaxFrameBytes)
{
    private readonly AnswerOracle _oracle = new(requestId, maxFrameBytes);

    public string RequestId => requestId;

    public long SentAt => sentAt;

    public long? StartAt { get; private set; }

    public long? FirstDeltaAt { get; private set; }

    public long? LastDeltaAt { get; private set; }

    public long? TerminalAt { get; private set; }

    /// <summary>Longest wait from the send or one frame to the next frame of this answer (ticks): the pause a shopper saw, e.g. while another task took the answer over.</summary>
    public long LongestGap { get; private set; }

    private long? _lastFrameAt;

    /// <summary>"done" or "error" once the terminal frame arrived.</summary>
    public string? TerminalType => _oracle.TerminalType;

    /// <summary>The error code of an <c>error</c> terminal frame.</summary>
    public string? ErrorCode => _oracle.ErrorCode;

    /// <summary>The <c>retryAfterMs</c> of an <c>error</c> terminal frame (e.g. <c>busy</c>, <c>throttled</c>).</summary>
    public int? RetryAfterMs => _oracle.RetryAfterMs;

    /// <summary>The <c>done</c> frame said <c>cached: true</c>: the answer was replayed from the response cache.</summary>
    public bool Cached => _oracle.Cached;

    public int Frames => _oracle.Frames;

    public int Deltas => _oracle.Deltas;

    public int Citations => _oracle.Citations;

    public int LargestFrameBytes => _oracle.LargestFrameBytes;

    public bool IsFinished => _oracle.IsFinished;

    public string Text => _oracle.Text;

    public IReadOnlyList<ViolationKind> Violations => _oracle.Violations;

    /// <summary>What the first few violations looked like, for the report.</summary>
    public IReadOnlyList<string> Details => _oracle.Details;

    /// <summary>Checks one frame of this request; returns the violations it caused (usually none).</summary>
    public int Observe(in ServiceFrame frame, int frameBytes, long receivedAt)
    {
        var wasFinished = _oracle.IsFinished;
        var violations = _oracle.Observe(frame, frameBytes);
        if (wasFinished)
        {
            return violations;
        }

        LongestGap = Math.Max(LongestGap, receivedAt - (_lastFrameAt ?? SentAt));
        _lastFrameAt = receivedAt;
        switch (frame.Type)
        {
            case "start":
                StartAt ??= receivedAt;
                break;
            case "delta":
                FirstDeltaAt ??= receivedAt;
                LastDeltaAt = receivedAt;
                break;
            case "done" or "error":
                TerminalAt = receivedAt;
                break;
        }

        return violations;
    }

    /// <summary>The connection closed, or the wait ran past the route's limits, before the terminal frame.</summary>
    public void Abandon(long at)
    {
        if (!IsFinished)
        {
            _oracle.End();
            TerminalAt = at;
            LongestGap = Math.Max(LongestGap, at - (_lastFrameAt ?? SentAt));
        }
    }
}
