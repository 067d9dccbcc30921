using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Kernel;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Recognises a continuation asked for in words (how a client continues on a model that refuses prefill): the
/// conversation ends with an assistant turn and then a user turn that quotes the end of it. Like a cooperative
/// model, the emulator then repeats the quote and goes on with its own answer to the question before. The
/// instruction's wording is the client's (any language): only the quote is looked for, and it must appear
/// twice (where it ended, and what to repeat), and outside the retrieved passages: an ordinary follow-up
/// question whose passages contain the end of the previous answer (two passages can share a synopsis phrase,
/// and an answer cut at its token limit often ends inside the passage it quoted) is not mistaken for one.
/// </summary>
internal static class QuotedContinuation
{
    /// <summary>A shorter quote is too likely to be a coincidence in an ordinary follow-up question.</summary>
    private const int MinimumQuoteLength = 8;

    public static ConverseRequest Normalize(ConverseRequest request)
    {
        var turns = request.Messages;
        if (turns.Count < 3 || turns[^1].Role != ConversationRole.User || turns[^2].Role != ConversationRole.Assistant)
        {
            return request;
        }

        var partial = turns[^2].Text.TrimEnd();
        var quoted = LongestQuotedSuffix(partial, ContextPassages.Remove(turns[^1].Text));
        if (quoted < Math.Min(MinimumQuoteLength, partial.Length) || quoted == 0)
        {
            return request;
        }

        return request with { Messages = [.. turns.Take(turns.Count - 1)], Echo = partial[^quoted..] };
    }

    /// <summary>Length of the longest end of <paramref name="partial"/> found twice in <paramref name="instruction"/> (shorter ends of a found end are found too, so a binary search works).</summary>
    private static int LongestQuotedSuffix(string partial, string instruction)
    {
        var (low, high) = (0, partial.Length);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (FoundTwice(instruction, partial[^middle..]))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static bool FoundTwice(string text, string quote)
    {
        var first = text.IndexOf(quote, StringComparison.Ordinal);
        return first >= 0 && text.IndexOf(quote, first + 1, StringComparison.Ordinal) >= 0;
    }
}
