namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>Converse <c>stopReason</c> values the emulator produces.</summary>
public static class StopReasons
{
    public const string EndTurn = "end_turn";
    public const string MaxTokens = "max_tokens";
    public const string StopSequence = "stop_sequence";
    public const string ContentFiltered = "content_filtered";
}
