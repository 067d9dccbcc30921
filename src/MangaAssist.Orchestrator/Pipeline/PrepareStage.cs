using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Prepare: the <c>start</c> frame and the answer's grounding (session memory, then retrieval)
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
        try
        {
            IReadOnlyList<ChatMessage> history;
            using (ChatTelemetry.ActivitySource.StartActivity("session memory"))
            {
                history = await memory.ReadAsync(answer.Request, answer.Token);
            }

            return new Preparation(history, await grounding.BuildAsync(answer.Request, history, answer.Token));
        }
        catch (OperationCanceledException) when (answer.Token.IsCancellationRequested)
        {
            Log.RequestStopped(logger, answer.Request.RequestId, answer.Active.Reason);
            return null;
        }
        finally
        {
            await start;
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
