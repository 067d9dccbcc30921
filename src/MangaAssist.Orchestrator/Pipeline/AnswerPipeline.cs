using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Answers one accepted request in the background: admit it, prepare it beside the <c>start</c>
/// frame, produce its text from the first source that has it, and complete it with exactly one
/// terminal frame. The answer holds a lease from admission to its end (taken and released in one call each), so
/// another task finishes it when this one dies or drains.
/// </summary>
public sealed class AnswerPipeline(
    AdmitStage admit, PrepareStage prepare, ProduceStage produce, CompleteStage complete,
    FrameStreamFactory streams, ChatRequestRegistry registry, AnswerRecorder recorder, TimeProvider timeProvider,
    ILogger<AnswerPipeline> logger, IAnswerLeaseHooks? leases = null) : IAnswerRunner
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
            if (answer.Outcome != AnswerOutcome.HandedOver)
            {
                await answer.CloseLogAsync();
            }
            else
            {
                await answer.Stream.SettleHandedOverAsync();
            }

            // Lease release: one call, after the terminal frame is in the log (a peer that claims an ended answer only completes it).
            if (leases is not null)
            {
                await leases.ReleaseAsync(answer);
            }

            registry.End(active);
            recorder.Ended(answer, activity);
        }
    }

    private async Task<AnswerOutcome> AnswerAsync(Answer answer)
    {
        answer.LeaseToTake = leases?.LeaseToTake(answer);
        using var admission = await admit.AdmitAsync(answer);
        if (!admission.Admitted)
        {
            return admission.Refusal;
        }

        // Lease take: one call, with the resume ticket, beside the preparation so it adds nothing to the first token.
        var leasing = leases?.TakeAsync(answer) ?? Task.CompletedTask;
        var prepared = await prepare.PrepareAsync(answer);
        await leasing;
        if (answer.StreamBroken)
        {
            return answer.StreamOutcome;
        }

        var completed = prepared is null ? null : await produce.ProduceAsync(answer, prepared);
        if (leases is not null && await leases.TryHandOverAsync(answer))
        {
            return AnswerOutcome.HandedOver;
        }

        return await complete.CompleteAsync(answer, completed);
    }
}
