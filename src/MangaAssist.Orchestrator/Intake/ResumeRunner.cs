using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Shoppers;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// <c>resume</c>: a client that lost its socket asks, on its new connection, for the frames of an
/// answer after the last seq it has. They come from the shared frame log — written by whichever
/// instance produces the answer — first the stored ones, then the live tail, each exactly once and
/// in order, until the answer's terminal frame. Only the principal's own logs are looked up, so another
/// shopper's ids find nothing, exactly like ids never used.
/// </summary>
public sealed class ResumeRunner(
    IFrameLog frameLog,
    FramePoster poster,
    FrameStreamFactory streams,
    ChatRequestRegistry registry,
    ILogger<ResumeRunner> logger)
{
    /// <summary>Bound of a seam fill: its frames are stored, so reading them takes one round trip.</summary>
    private static readonly TimeSpan SeamFillTimeout = TimeSpan.FromSeconds(10);

    public async Task RunAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, ActiveRequest active)
    {
        var afterSeq = message.AfterSeq ?? -1;
        var lastSeq = afterSeq;
        var frames = 0;
        var outcome = "complete";
        try
        {
            await foreach (var frame in frameLog.ReadAfterAsync(ShopperKeys.FrameLog(principal.Id, message.SessionId!, message.RequestId), afterSeq, active.Token))
            {
                // Logged frames are posted as they are: they already carry their seq.
                if (await poster.PostAsync(connectionId, frame.Frame, message.RequestId, frame.Seq, CancellationToken.None) != DeliveryResult.Delivered)
                {
                    outcome = "client gone";
                    return;
                }

                lastSeq = frame.Seq;
                frames++;
                if (frame.IsTerminal)
                {
                    return;
                }
            }

            outcome = "log ended without a terminal frame";
            await RefuseAsync(connectionId, message.RequestId, lastSeq, FrameLogReadFailure.Incomplete);
        }
        catch (FrameLogReadException failure)
        {
            outcome = failure.Failure.ToString();
            await RefuseAsync(connectionId, message.RequestId, lastSeq, failure.Failure);
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            outcome = "cancelled";
        }
        finally
        {
            registry.End(active);
            Log.Resumed(logger, connectionId, message.RequestId, afterSeq, frames, outcome);
        }
    }

    /// <summary>
    /// <c>resume</c> on the connection an answer taken over here is still streaming to, asking for frames before the
    /// first one this task posted (<paramref name="upToSeq"/>): the task that died had logged them and may not have
    /// posted them. They are posted from the log, and nothing else: the live frames are already on their way.
    /// </summary>
    public async Task FillSeamAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, long upToSeq, ActiveRequest active)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(message);
        var afterSeq = message.AfterSeq ?? -1;
        var frames = 0;
        var outcome = "seam filled";
        // The frames asked for are all in the log (the take-over read them), so this never waits for a writer.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(active.Token);
        deadline.CancelAfter(SeamFillTimeout);
        try
        {
            await foreach (var frame in frameLog.ReadAfterAsync(ShopperKeys.FrameLog(principal.Id, message.SessionId!, message.RequestId), afterSeq, deadline.Token))
            {
                if (frame.Seq >= upToSeq)
                {
                    break;
                }

                if (await poster.PostAsync(connectionId, frame.Frame, message.RequestId, frame.Seq, CancellationToken.None) != DeliveryResult.Delivered)
                {
                    outcome = "client gone";
                    break;
                }

                frames++;
                if (frame.Seq + 1 >= upToSeq)
                {
                    // The seam is filled; what follows is this task's own (and may not be logged yet).
                    break;
                }
            }
        }
        catch (FrameLogReadException failure)
        {
            outcome = failure.Failure.ToString();
        }
        catch (OperationCanceledException)
        {
            outcome = active.Token.IsCancellationRequested ? "cancelled" : "timed out";
        }
        finally
        {
            registry.End(active);
        }

        Log.Resumed(logger, connectionId, message.RequestId, afterSeq, frames, outcome);
    }

    /// <summary>The resume's terminal frame, numbered right after the last frame the client has.</summary>
    private async Task RefuseAsync(string connectionId, string requestId, long lastSeq, FrameLogReadFailure failure) =>
        await streams.ForRefusal(connectionId, requestId, firstSeq: lastSeq + 1).SendErrorAsync(ErrorCatalog.ResumeUnavailable(failure), CancellationToken.None);
}
