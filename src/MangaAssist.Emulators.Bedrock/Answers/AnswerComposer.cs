using System.Text;
using MangaAssist.Emulators.Bedrock.Kernel;
using MangaAssist.Emulators.Bedrock.Markers;

namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>
/// Builds the deterministic answer: a function of the model id, the system prompt and the last user message only.
/// It quotes the question, then the first context passage (from the user message, else the system prompt),
/// then filler sentences chosen by a stable hash, cut to exactly the requested number of tokens.
/// </summary>
public static class AnswerComposer
{
    private const int MaxQuotedQuestionLength = 200;

    public static ComposedAnswer Compose(ConverseRequest request, int answerTokens)
    {
        var full = ComposeFullText(request.ModelId, request.SystemPrompt, request.LastUserMessage, answerTokens);

        var prefill = request.AssistantPrefill;
        var prefillMatched = prefill is not null && full.StartsWith(prefill, StringComparison.Ordinal);
        if (prefill is not null && !prefillMatched)
        {
            // A prefill this model did not write (another model began the answer): like a real
            // model, carry on after it rather than start over, reading on from the same point of
            // this model's own answer.
            full = ContinueForeignPrefill(prefill, full);
        }

        var remainder = prefill is null ? full : full[prefill.Length..];
        if (request.Echo is { } echo)
        {
            // Asked in words to continue, the model first repeats the quoted end, as it was asked to.
            remainder = echo + remainder;
        }

        var stopReason = StopReasons.EndTurn;
        var stopAt = FirstStopSequence(remainder, request.StopSequences);
        if (stopAt >= 0)
        {
            remainder = remainder[..stopAt];
            stopReason = StopReasons.StopSequence;
        }

        IReadOnlyList<string> tokens = TokenSplitter.Split(remainder);
        if (request.MaxTokens is { } maxTokens && tokens.Count > maxTokens)
        {
            tokens = tokens.Take(maxTokens).ToArray();
            stopReason = StopReasons.MaxTokens;
        }

        var inputTokens = TokenSplitter.Count(request.SystemPrompt) + request.Messages.Sum(m => TokenSplitter.Count(m.Text));
        return new ComposedAnswer(full, prefill, prefillMatched, tokens, stopReason, Math.Max(1, inputTokens), request.Echo);
    }

    private static string ContinueForeignPrefill(string prefill, string ownAnswer)
    {
        var rest = string.Concat(TokenSplitter.Split(ownAnswer).Skip(TokenSplitter.Count(prefill)));
        var needsSpace = rest.Length > 0 && !char.IsWhiteSpace(rest[0]) && !TokenSplitter.ContainsCjk(rest[..1]);
        return prefill + (needsSpace ? " " : "") + rest;
    }

    public static string ComposeFullText(string modelId, string systemPrompt, string lastUserMessage, int answerTokens)
    {
        var withoutMarkers = MarkerParser.Strip(lastUserMessage);
        var question = Whitespace.Collapse(ContextPassages.Remove(withoutMarkers));
        if (question.Length > MaxQuotedQuestionLength)
        {
            question = question[..MaxQuotedQuestionLength].TrimEnd() + "…";
        }

        var found = ContextPassages.FindFirstWithNumber(withoutMarkers) ?? ContextPassages.FindFirstWithNumber(systemPrompt);
        var passage = found?.Text;
        var cite = found is { } f ? $"[{f.Number}]" : "";
        var japanese = TokenSplitter.ContainsCjk(question);
        var seed = StableHash.Of(modelId, systemPrompt, lastUserMessage);

        var text = new StringBuilder();
        if (japanese)
        {
            text.Append("ご質問は「").Append(question).Append("」ですね。");
            AppendHostileMarkup(text, lastUserMessage);
            if (passage is not null)
            {
                text.Append("資料には「").Append(passage).Append("」とあります").Append(cite).Append('。');
            }
        }
        else
        {
            text.Append("You asked: \"").Append(question).Append("\".");
            AppendHostileMarkup(text, lastUserMessage);
            if (passage is not null)
            {
                text.Append(" The first passage says: \"").Append(passage).Append("\" ").Append(cite).Append('.');
            }
        }

        var fillers = japanese ? FillerSentences.Japanese : FillerSentences.English;
        var previous = -1;
        var estimated = TokenSplitter.Count(text.ToString());
        while (estimated < answerTokens || (estimated = TokenSplitter.Count(text.ToString())) < answerTokens)
        {
            var pick = (int)(StableHash.Next(ref seed) % (ulong)fillers.Length);
            if (pick == previous)
            {
                pick = (pick + 1) % fillers.Length;
            }

            previous = pick;
            if (!japanese)
            {
                text.Append(' ');
            }

            text.Append(fillers[pick]);
            estimated += TokenSplitter.Count(fillers[pick]);
        }

        return string.Concat(TokenSplitter.Split(text.ToString()).Take(answerTokens)).TrimEnd();
    }

    private static void AppendHostileMarkup(StringBuilder text, string lastUserMessage)
    {
        if (HostileTextMarker.IsIn(lastUserMessage))
        {
            text.Append(' ').Append(HostileTextMarker.Markup);
        }
    }

    private static int FirstStopSequence(string text, IReadOnlyList<string> stopSequences)
    {
        var first = -1;
        foreach (var stop in stopSequences)
        {
            var index = text.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first < 0 || index < first))
            {
                first = index;
            }
        }

        return first;
    }
}
