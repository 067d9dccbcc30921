using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline.Sources;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Produce: streams the answer's text from the first source that has it, as coalesced
/// <c>delta</c> frames, within the route's total timeout. Returns the complete answer, or null.
/// </summary>
public sealed class ProduceStage(
    AnswerSourceChain sources,
    FlushPace pace,
    TimeProvider timeProvider,
    ChatTelemetry telemetry,
    ILogger<ProduceStage> logger)
{
    public async Task<CompletedAnswer?> ProduceAsync(Answer answer, Preparation prepared)
    {
        var coalescer = pace.CreateCoalescer();

        // The pump is not tied to the request's token: once the text stops for any reason it
        // delivers what was produced, then ends. Posts are bounded by their own timeout.
        // Text sent once it is complete (a cached answer's, or the last batch) is written ahead with the next frame.
        Production? production = null;
        var textComplete = false;
        var pump = coalescer.PumpAsync(
            (text, _) => SendDeltaAsync(answer, text, deferPost: Volatile.Read(ref textComplete) || production?.Source == AnswerSource.Cache), CancellationToken.None);
        void OnText(string text)
        {
            if (answer.FirstToken is null)
            {
                answer.FirstToken = timeProvider.GetElapsedTime(answer.StartedTimestamp);
                telemetry.RecordFirstToken(answer.Request.Route, answer.FirstToken.Value);
            }

            coalescer.Append(text);
        }

        using var totalTimeout = timeProvider.CreateTimer(
            static state => ((ActiveRequest)state!).Cancel(CancelReason.TotalTimeout), answer.Active, answer.Request.Profile.TotalTimeout, Timeout.InfiniteTimeSpan);
        var key = SharedAnswerKey.For(answer.Request, prepared.Context, prepared.History);
        await using var produced = production = new Production(answer.Request, prepared.Context, key, OnText, answer.Token, answer.Stream.Settlement) { ReadPacing = pace.ReadPacingFor(coalescer) };
        try
        {
            return await sources.ProduceAsync(produced);
        }
        catch (OperationCanceledException) when (answer.Token.IsCancellationRequested)
        {
            Log.RequestStopped(logger, answer.Request.RequestId, answer.Active.Reason);
            return null;
        }
        finally
        {
            answer.Source = produced.Source;
            answer.Generation = produced.Generation;

            // Whatever happened, the pump finishes before anything else is sent: the terminal
            // frame must never race a delta for the next seq.
            Volatile.Write(ref textComplete, true);
            coalescer.Complete();
            await pump;
        }
    }

    internal static async ValueTask<DeliveryResult> SendDeltaAsync(Answer answer, string text, bool deferPost = false)
    {
        var result = await answer.Stream.SendDeltaAsync(text, CancellationToken.None, deferPost);
        if (result != DeliveryResult.Delivered)
        {
            answer.Active.Cancel(result == DeliveryResult.ClientGone ? CancelReason.ClientGone : CancelReason.DeliveryFailed);
        }

        return result;
    }
}
