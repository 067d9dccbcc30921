namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>How an answer ended; the camelCase name is the transcript's <c>outcome</c>.</summary>
public enum StreamOutcome
{
    /// <summary>Every planned token and the closing events were sent.</summary>
    Completed,

    /// <summary>The client went away before the answer ended.</summary>
    ClientAborted,

    /// <summary>An HTTP error answered the request (injected, or a rejected request).</summary>
    HttpError,

    /// <summary>An exception event ended the stream.</summary>
    StreamException,

    /// <summary>The emulator aborted the connection on purpose.</summary>
    Reset,

    /// <summary>The emulator stopped sending and held the connection until the client left or MaxStallMs passed.</summary>
    Stalled,

    /// <summary>An event with a corrupt checksum was sent, then the body ended.</summary>
    Malformed,

    /// <summary>The body ended cleanly without contentBlockStop, messageStop and metadata.</summary>
    EndedWithoutStop,
}
