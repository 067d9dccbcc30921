using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Answers one accepted request in the background: admit it, prepare it beside the <c>start</c>
/// frame, produce its text from the first source that has it, and complete it with exactly one
/// terminal frame.
/// </summary>
public sealed class AnswerPipeline(
    AdmitStage admit, PrepareStage prepare, ProduceStage produce, CompleteStage complete,
    FrameStreamFactory streams, ChatRequestRegistry registry, AnswerRecorder recorder, TimeProvider timeProvider,
    ILogger<AnswerPipeline> logger) : IAnswerRunner
{
    public async Task RunAsync(ChatRequest request, ActiveRequest active)
    {
        using var activity = AnswerRecorder.Start(request);
        var stream = streams.ForAnswer(request.ConnectionId, request.Principal.Id, request.SessionId, request.RequestId,
            () => DetachTimer.TryStart(active, streams.Resume.DetachedGracePeriod, timeProvider));
        var answer = new Answer(request, active, stream, timeProvider.GetTimestamp());
        try
        {
            answer.Outcome = await AnswerAsync(answer);
        }
        catch (Exception exception)
        {
            Log.RequestCrashed(logger, request.RequestId, exception);
            await answer.FailAsync();
        }
        finally
        {
            await answer.CloseLogAsync();
            registry.End(active);
            recorder.Ended(answer, activity);
        }
    }

    private async Task<AnswerOutcome> AnswerAsync(Answer answer)
    {
        using var admission = await admit.AdmitAsync(answer);
        if (!admission.Admitted)
        {
            return admission.Refusal;
        }

        var prepared = await prepare.PrepareAsync(answer);
        if (answer.StreamBroken)
        {
            return answer.StreamOutcome;
        }

        var completed = prepared is null ? null : await produce.ProduceAsync(answer, prepared);
        return await complete.CompleteAsync(answer, completed);
    }
}
