namespace MangaAssist.SharedState.FrameLog;

/// <summary>
/// Every frame of an answer, kept for a while so a client that lost its socket can resume from any
/// instance: the frames after the last one it got, then the live tail, with no gap and no duplicate.
/// </summary>
/// <remarks>
/// <paramref name="logKey"/> names one answer. A client's <c>requestId</c> is only unique on its connection,
/// so key by who asked as well, e.g. <c>{userId or sessionId}:{requestId}</c>.
/// </remarks>
public interface IFrameLog
{
    /// <summary>
    /// Appends the frame with <paramref name="seq"/> (0, 1, 2, … without gaps); <paramref name="isTerminal"/>
    /// marks the last one (<c>done</c> or <c>error</c>), after which the log takes nothing more. A repeated
    /// seq is ignored (<see cref="FrameAppendResult.AlreadyAppended"/>), so a retried append is safe. A seq
    /// beyond the next one (frames were lost, e.g. while Redis was down) marks the log incomplete, and
    /// readers are told so instead of receiving an answer with a hole. <paramref name="frame"/> is only valid
    /// until the call returns (the caller reuses its buffer): implementations copy it before their first await.
    /// </summary>
    Task<FrameAppendResult> AppendAsync(string logKey, long seq, ReadOnlyMemory<byte> frame, bool isTerminal, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends consecutive <paramref name="frames"/> as <see cref="AppendAsync"/> each, stopping at the first that is
    /// not taken, and answers that one's result (else the last one's); the shared log does it in one round trip.
    /// </summary>
    async Task<FrameAppendResult> AppendManyAsync(string logKey, IReadOnlyList<LoggedFrame> frames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var result = FrameAppendResult.AlreadyAppended;
        foreach (var frame in frames)
        {
            result = await AppendAsync(logKey, frame.Seq, frame.Frame, frame.IsTerminal, cancellationToken).ConfigureAwait(false);
            if (result is not (FrameAppendResult.Appended or FrameAppendResult.AlreadyAppended))
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// The frames with seq &gt; <paramref name="afterSeq"/> (−1 for all), in order, then each new one as it is
    /// appended, on any instance, until and including the terminal frame. Ends at once when
    /// <paramref name="afterSeq"/> is the terminal frame or later. Throws <see cref="FrameLogReadException"/>
    /// when the frames can't be delivered whole.
    /// </summary>
    IAsyncEnumerable<LoggedFrame> ReadAfterAsync(string logKey, long afterSeq, CancellationToken cancellationToken = default);
}

/// <summary>One frame as appended.</summary>
public readonly record struct LoggedFrame(long Seq, ReadOnlyMemory<byte> Frame, bool IsTerminal);

public enum FrameAppendResult
{
    Appended,

    /// <summary>This seq was already in the log (a retry); nothing changed.</summary>
    AlreadyAppended,

    /// <summary>The seq skipped frames; the log is now marked incomplete and takes nothing more.</summary>
    Gap,

    /// <summary>The log already ended (terminal frame or incomplete); nothing changed.</summary>
    Closed,

    /// <summary>Redis could not take the frame; resuming this answer will not be possible.</summary>
    Unavailable,
}

public enum FrameLogReadFailure
{
    /// <summary>No log under this key: never written, or expired.</summary>
    NotFound,

    /// <summary>Frames right after <c>afterSeq</c> were trimmed (the log keeps at most <c>MaxFrames</c>).</summary>
    Truncated,

    /// <summary>The writer lost frames, so the rest of the answer can't be delivered without a hole.</summary>
    Incomplete,

    /// <summary>No frame came for <c>WriterSilenceTimeout</c> and there is no terminal frame: the writer is gone.</summary>
    WriterSilent,

    /// <summary>Redis is unavailable.</summary>
    Unavailable,
}

/// <summary>The frames of a log can't be delivered whole; <see cref="Failure"/> says why.</summary>
public sealed class FrameLogReadException : Exception
{
    public FrameLogReadException(FrameLogReadFailure failure, string logKey, Exception? innerException = null)
        : base($"Frame log '{logKey}' can't be resumed: {failure}.", innerException)
    {
        Failure = failure;
    }

    public FrameLogReadException()
    {
    }

    public FrameLogReadException(string message)
        : base(message)
    {
    }

    public FrameLogReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FrameLogReadFailure Failure { get; }
}
