using System.Text;

namespace MangaAssist.Protocol.Oracle;

/// <summary>
/// Follows the frames of one request as they arrive and reports every broken wire promise
/// (docs/protocol.md): seq from 0 rising by 1, start first, exactly one terminal frame and nothing
/// after it, no frame over the size limit, only known frame types, only this request's id. Whether a
/// <c>done</c> text equals the model's (promise 3) needs the model's side, so its callers compare <see cref="Text"/>.
/// </summary>
public sealed class AnswerOracle(string requestId, int maxFrameBytes = AnswerOracle.DefaultMaxFrameBytes)
{
    /// <summary>Promise 4: 32 KB of UTF-8. Written here rather than read from the service, so the two can disagree.</summary>
    public const int DefaultMaxFrameBytes = 32 * 1024;

    private const int MaxDetails = 3;

    private readonly StringBuilder _text = new();
    private readonly List<ViolationKind> _violations = [];
    private readonly List<string> _details = [];
    private long _nextSeq;
    private bool _started;

    public string RequestId => requestId;

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

    /// <summary>The concatenated delta texts so far.</summary>
    public string Text => _text.ToString();

    public IReadOnlyList<ViolationKind> Violations => _violations;

    /// <summary>What the first few seq, order and type violations looked like, for a report or a failure message.</summary>
    public IReadOnlyList<string> Details => _details;

    /// <summary>Checks one frame of this request; returns how many violations it caused (usually none).</summary>
    public int Observe(in ServiceFrame frame, int frameBytes)
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

        if (!string.Equals(frame.RequestId ?? "", requestId, StringComparison.Ordinal))
        {
            _violations.Add(ViolationKind.ForeignRequestId);
            Describe($"ForeignRequestId: {frame.Type} seq {frame.Seq} names \"{frame.RequestId}\"");
        }

        CheckSeq(frame);
        CheckType(frame, isFirst: Frames == 1);
        return _violations.Count - before;
    }

    /// <summary>
    /// No more frames will come (the socket closed, or the wait ran past the route's limits): without a
    /// terminal frame that is a broken promise 2.
    /// </summary>
    public void End()
    {
        if (!IsFinished)
        {
            _violations.Add(ViolationKind.MissingTerminal);
        }
    }

    private void CheckSeq(in ServiceFrame frame)
    {
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
    }

    private void CheckType(in ServiceFrame frame, bool isFirst)
    {
        switch (frame.Type)
        {
            case "start":
                RequireStart(ok: isFirst);
                _started = true;
                break;
            case "delta":
                RequireStart(ok: _started);
                if (frame.Text is null)
                {
                    _violations.Add(ViolationKind.MalformedFrame);
                }

                _text.Append(frame.Text);
                Deltas++;
                break;
            case "citations":
                // The catalog products the answer cited, just before done (docs/protocol.md).
                RequireStart(ok: _started);
                Citations++;
                break;
            case "done":
                RequireStart(ok: _started);
                Cached = frame.Cached == true;
                Finish("done", null);
                break;
            case "error":
                // Refusals (bad input, busy) are a lone error at seq 0: no start before them.
                RetryAfterMs = frame.RetryAfterMs;
                Finish("error", frame.Code);
                break;
            default:
                _violations.Add(frame.Type is null ? ViolationKind.MalformedFrame : ViolationKind.UnknownFrameType);
                Describe($"{(frame.Type is null ? "MalformedFrame: no type" : $"UnknownFrameType: \"{frame.Type}\"")} at seq {frame.Seq}");
                break;
        }
    }

    private void RequireStart(bool ok)
    {
        if (!ok)
        {
            _violations.Add(ViolationKind.FrameOutOfOrder);
        }
    }

    private void Finish(string type, string? code)
    {
        TerminalType = type;
        ErrorCode = code;
    }

    private void Describe(string detail)
    {
        if (_details.Count < MaxDetails)
        {
            _details.Add($"{requestId}: {detail}");
        }
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
