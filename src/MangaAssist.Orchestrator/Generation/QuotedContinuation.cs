using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// For models that refuse prefill: the text so far is the assistant's turn, and a new user turn (in the
/// shopper's language) quotes its end and asks the model to repeat the quote, then go on. The repeated quote
/// is the anchor that proves where the model resumed; the <see cref="EchoAligner"/> drops it, or reports a
/// mismatch when the model rephrased or started over.
/// </summary>
public sealed class QuotedContinuation(IOptions<ContinuationOptions> options) : IContinuationStrategy
{
    public string Name => "quoted";

    public ContinuationPlan Plan(IReadOnlyList<ChatMessage> prompt, string delivered)
    {
        var settled = delivered.TrimEnd();
        if (settled.Length == 0)
        {
            return new ContinuationPlan(prompt, ContinuationAligner.For(delivered).Aligner);
        }

        var quote = Quote(settled, options.Value.QuoteLength);
        var template = IsJapanese(prompt) ? options.Value.JapanesePrompt : options.Value.EnglishPrompt;
        IReadOnlyList<ChatMessage> messages =
        [
            .. prompt,
            new ChatMessage(ChatRole.Assistant, settled),
            new ChatMessage(ChatRole.User, template.Replace("{quote}", quote, StringComparison.Ordinal)),
        ];
        return new ContinuationPlan(messages, new EchoAligner(quote, ContinuationAligner.For(delivered).Aligner));
    }

    /// <summary>The last <paramref name="length"/> characters, starting at a word when the text has spaces there.</summary>
    internal static string Quote(string settled, int length)
    {
        if (settled.Length <= length)
        {
            return settled;
        }

        // The echo aligner allows whitespace before the repeated quote, so the quote itself starts on a word.
        var quote = settled[^length..];
        var space = quote.IndexOf(' ', StringComparison.Ordinal);
        return (space >= 0 && space < quote.Length / 2 ? quote[(space + 1)..] : quote).TrimStart();
    }

    private static bool IsJapanese(IReadOnlyList<ChatMessage> prompt) =>
        prompt.LastOrDefault(m => m.Role == ChatRole.User)?.Text.Any(static c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF') == true;
}
