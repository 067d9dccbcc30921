namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// A guardrail stepping in on the model's output: the stream goes on with the guardrail's blocked-output
/// message in place of the rest of the answer, then stops with <c>guardrail_intervened</c>.
/// </summary>
internal static class GuardrailInterventions
{
    public const string StopReason = "guardrail_intervened";

    /// <summary>The message a new guardrail is created with for blocked outputs.</summary>
    public const string BlockedOutputMessage = "Sorry, the model cannot answer this question.";

    public static async Task InterveneAsync(ConverseStreamWriter writer, PreparedChat chat, List<string> sent)
    {
        await writer.DeltaAsync(BlockedOutputMessage);
        sent.Add(BlockedOutputMessage);
        await writer.ContentBlockStopAsync();
        await writer.MessageStopAsync(StopReason);
        await writer.MetadataAsync(chat, sent.Count, (long)chat.Pacer.Elapsed.TotalMilliseconds);
    }
}
