using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Models;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Turns the end of a chat request into a <see cref="Transcript"/>.</summary>
internal sealed class TranscriptRecorder(TranscriptStore store, TimeProvider time)
{
    public void Record(
        string requestId,
        BedrockOperation operation,
        PreparedChat chat,
        IReadOnlyList<string> sentTokens,
        StreamOutcome outcome)
    {
        var answer = chat.Answer;
        var elapsed = chat.Pacer.Elapsed;
        store.Add(new Transcript(
            store.NextSequence(),
            requestId,
            time.GetUtcNow() - elapsed,
            CamelCase(operation.ToString()),
            chat.Request.ModelId,
            chat.Request.LastUserMessage,
            answer.Prefill,
            answer.AnswerText,
            answer.PlannedText,
            string.Concat(sentTokens),
            sentTokens.Count,
            outcome == StreamOutcome.Completed ? answer.StopReason : null,
            CamelCase(outcome.ToString()),
            chat.Fault is { } fault ? FaultKinds.StatsName(fault.Kind) : null,
            chat.Pacer.FirstTokenSentAfter?.TotalMilliseconds));
    }

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
