using System.Text.RegularExpressions;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Shrinks a composed prompt (system messages, history, then the last user turn: passages and the question)
/// that a model refused as too long: the oldest history turns go first, then the lowest-ranked passages, until
/// about half of what history and passages cost is gone. The system prompt and the question always stay, and the
/// passages kept keep their numbers, so citations still resolve.
/// </summary>
public static partial class PromptTrimmer
{
    /// <summary>Share of the history and passages' tokens one trim removes: the limit is not known, so halve.</summary>
    public const double ShareRemoved = 0.5;

    public static PromptTrim Trim(IReadOnlyList<ChatMessage> prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var leading = prompt.TakeWhile(static m => m.Role == ChatRole.System).Count();
        if (prompt.Count == leading || prompt[^1].Role != ChatRole.User)
        {
            return new PromptTrim(prompt, 0, 0);
        }

        var history = prompt.Skip(leading).Take(prompt.Count - leading - 1).ToList();
        var final = prompt[^1].Text;
        var passages = PassageBlock().Matches(final).Select(static m => m.Value).ToList();
        var context = history.Sum(static m => TokenEstimator.Estimate(m.Text)) + passages.Sum(TokenEstimator.Estimate);
        var target = (int)Math.Ceiling(context * ShareRemoved);
        var removed = 0;

        // Oldest first, a user/assistant pair at a time, so the rest still alternates.
        var turnsDropped = 0;
        while (removed < target && history.Count >= 2)
        {
            removed += TokenEstimator.Estimate(history[0].Text) + TokenEstimator.Estimate(history[1].Text);
            history.RemoveRange(0, 2);
            turnsDropped += 2;
        }

        var passagesDropped = 0;
        while (removed < target && passages.Count > 0)
        {
            var lowest = passages[^1];
            removed += TokenEstimator.Estimate(lowest);
            final = final.Replace(lowest, "", StringComparison.Ordinal);
            passages.RemoveAt(passages.Count - 1);
            passagesDropped++;
        }

        if (passagesDropped > 0 && passages.Count == 0)
        {
            // The catalog did match: its passages no longer fit, which is not the store lacking the product.
            final = final.TrimStart() + "\n\n" + RagPromptComposer.PassagesDidNotFit;
        }

        List<ChatMessage> messages = [.. prompt.Take(leading), .. history, new ChatMessage(ChatRole.User, final)];
        return new PromptTrim(messages, turnsDropped, passagesDropped);
    }

    [GeneratedRegex("<passage index=\"\\d+\"[^>]*>.*?</passage>\\n?", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PassageBlock();
}
