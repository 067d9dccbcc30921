namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>
/// What the emulated model produces for one request.
/// <see cref="FullText"/> is the deterministic whole answer (after a prefill this model did not write, that
/// prefill followed by this model's continuation); <see cref="Tokens"/> are the pieces this request
/// streams (after an assistant prefill, a stop sequence and <c>maxTokens</c> have been applied).
/// </summary>
public sealed record ComposedAnswer(
    string FullText,
    string? Prefill,
    bool PrefillMatched,
    IReadOnlyList<string> Tokens,
    string StopReason,
    int InputTokens,
    string? Echo = null)
{
    public string PlannedText => string.Concat(Tokens);

    /// <summary>The answer a client holds once this request completes: the prefill plus what is streamed (without the repeated quote of a continuation asked in words).</summary>
    public string AnswerText => Prefill + PlannedText[Math.Min(Echo?.Length ?? 0, PlannedText.Length)..];
}
