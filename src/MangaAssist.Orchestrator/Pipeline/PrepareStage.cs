using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Prepare: the <c>start</c> frame, the session-memory read and retrieval (with its query embedding)
/// run side by side, so their round trips overlap on the way to the first token instead of adding
/// up. Nothing else is sent before start finished, not even a failed preparation's error (the
/// stream has one sender at a time).
/// </summary>
public sealed class PrepareStage(ConversationMemory memory, AnswerContextBuilder grounding, ILogger<PrepareStage> logger)
{
    /// <returns>The preparation, or null when the answer was stopped meanwhile.</returns>
    public async Task<Preparation?> PrepareAsync(Answer answer)
    {
        var start = SendStartAsync(answer);
        // Retrieval (with the query embedding, the slowest part) needs no history: it runs beside the memory read.
        var retrieval = grounding.RetrieveAsync(answer.Request, answer.Token);
        try
        {
            IReadOnlyList<ChatMessage> history;
            using (ChatTelemetry.ActivitySource.StartActivity("session memory"))
            {
                history = answer.PrefetchedTurns is { } turns ? ConversationMemory.ToMessages(turns) : await memory.ReadAsync(answer.Request, answer.Token);
            }

            return new Preparation(history, AnswerContextBuilder.Compose(answer.Request, history, await retrieval));
        }
        catch (OperationCanceledException) when (answer.Token.IsCancellationRequested)
        {
            await ObserveAsync(retrieval);
            Log.RequestStopped(logger, answer.Request.RequestId, answer.Active.Reason);
            return null;
        }
        finally
        {
            await start;
        }
    }

    /// <summary>Lets a stopped answer's retrieval end without leaving an unobserved cancellation behind.</summary>
    private static async Task ObserveAsync(Task retrieval)
    {
        try
        {
            await retrieval;
        }
        catch (OperationCanceledException)
        {
            // The answer was stopped; its retrieval was cancelled with it.
        }
    }

    private static async Task SendStartAsync(Answer answer)
    {
        var delivered = await answer.Stream.SendStartAsync(answer.Request.Profile.ModelId, CancellationToken.None);
        if (delivered != DeliveryResult.Delivered)
        {
            // Nobody can receive this answer: stop preparing it now, not after retrieval's own timeout, so it ends
            // (and a client's resume is served from the frame log) at once.
            answer.Active.Cancel(delivered == DeliveryResult.ClientGone ? CancelReason.ClientGone : CancelReason.DeliveryFailed);
        }
    }
}
