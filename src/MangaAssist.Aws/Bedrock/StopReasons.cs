using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Bedrock <c>stopReason</c> values and their <see cref="ChatFinishReason"/>.</summary>
internal static class StopReasons
{
    public const string AdditionalPropertyName = "stopReason";

    /// <summary>The context window filled up; with no output at all, the input alone was too long.</summary>
    public const string ContextWindowExceeded = "model_context_window_exceeded";

    public static ChatFinishReason ToFinishReason(string stopReason) => stopReason switch
    {
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or ContextWindowExceeded => ChatFinishReason.Length,
        "content_filtered" or "guardrail_intervened" => ChatFinishReason.ContentFilter,
        "tool_use" => ChatFinishReason.ToolCalls,
        _ => new ChatFinishReason(stopReason),
    };
}
