using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>For models that allow it: the text so far becomes the assistant's partial turn, which the model continues.</summary>
public sealed class PrefillContinuation : IContinuationStrategy
{
    public string Name => "prefill";

    public ContinuationPlan Plan(IReadOnlyList<ChatMessage> prompt, string delivered)
    {
        var (prefill, aligner) = ContinuationAligner.For(delivered);
        IReadOnlyList<ChatMessage> messages = prefill.Length > 0 ? [.. prompt, new ChatMessage(ChatRole.Assistant, prefill)] : prompt;
        return new ContinuationPlan(messages, aligner);
    }
}
