namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>
/// One recent answer. <see cref="Text"/> is the answer the model produces for the request (a matched assistant
/// prefill plus what this request planned to stream); <see cref="SentText"/> is what actually went out.
/// <see cref="FirstTokenMs"/> is the model's own time to first token for this request (request accepted to first
/// token flushed), so a load tool can subtract exactly this request's share; null when no token went out.
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
    string? Fault,
    double? FirstTokenMs);
