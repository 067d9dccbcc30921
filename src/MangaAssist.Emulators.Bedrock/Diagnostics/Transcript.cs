namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>
/// One recent answer. <see cref="Text"/> is the answer the model produces for the request (a matched assistant
/// prefill plus what this request planned to stream); <see cref="SentText"/> is what actually went out.
/// </summary>
public sealed record Transcript(
    long Sequence,
    string RequestId,
    DateTimeOffset StartedAt,
    string Operation,
    string ModelId,
    string LastUserMessage,
    string? Prefill,
    string Text,
    string PlannedText,
    string SentText,
    int TokensSent,
    string? StopReason,
    string Outcome,
    string? Fault);
