namespace MangaAssist.Orchestrator.Protocol;

/// <summary>The content of an <c>error</c> frame, before it gets its request id and seq.</summary>
/// <param name="Code">One of <see cref="ErrorCodes"/>.</param>
/// <param name="Message">A sentence a person can act on; never internal details.</param>
/// <param name="Retryable">Whether sending the same request again may succeed.</param>
/// <param name="RetryAfterMs">How long to wait before retrying, when known.</param>
/// <param name="Partial">Whether part of the answer was already delivered in <c>delta</c> frames.</param>
/// <remarks>Made only by <see cref="ErrorCatalog"/>, so every code has one wording and one retry rule.</remarks>
public sealed record ErrorFrame(string Code, string Message, bool Retryable, int? RetryAfterMs = null, bool Partial = false);
