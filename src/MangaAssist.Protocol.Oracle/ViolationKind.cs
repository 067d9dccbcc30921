namespace MangaAssist.Protocol.Oracle;

/// <summary>Ways an answer can break the protocol's promises (docs/protocol.md, "Promises").</summary>
public enum ViolationKind
{
    /// <summary>Not a JSON object, or without type / requestId / seq.</summary>
    MalformedFrame,

    /// <summary>A type the protocol does not define.</summary>
    UnknownFrameType,

    /// <summary>The first frame's seq is not 0 (promise 1).</summary>
    SeqNotFromZero,

    /// <summary>seq jumped ahead: a frame is missing (promise 1).</summary>
    SeqGap,

    /// <summary>seq went back or repeated: a frame was delivered again or out of order (promise 1).</summary>
    SeqRepeated,

    /// <summary>A frame after the terminal frame, including a second terminal frame (promise 2).</summary>
    FrameAfterTerminal,

    /// <summary>The answer ended (socket closed, or waited past the route's total timeout) without a terminal frame (promise 2).</summary>
    MissingTerminal,

    /// <summary>A frame larger than 32 KB of UTF-8 (promise 4).</summary>
    OversizedFrame,

    /// <summary>The concatenated deltas of a <c>done</c> answer differ from the text the model produced (promise 3).</summary>
    TextMismatch,

    /// <summary>A frame for a request id this connection never sent.</summary>
    UnknownRequest,

    /// <summary>A delta before start, or a start that is not the first frame.</summary>
    FrameOutOfOrder,

    /// <summary>A frame of this request that names another request id (a refused message without a readable id names none).</summary>
    ForeignRequestId,
}
