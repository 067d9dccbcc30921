namespace MangaAssist.LoadTest.Users;

internal enum AskOutcome
{
    /// <summary>The terminal frame arrived.</summary>
    Finished,

    /// <summary>The connection closed, or the route's total timeout passed, without a terminal frame (a violation).</summary>
    Abandoned,

    /// <summary>The run ended (after its drain) while the answer was still streaming: not judged.</summary>
    Unfinished,

    /// <summary>The message could not be sent (the socket was gone).</summary>
    NotSent,
}
