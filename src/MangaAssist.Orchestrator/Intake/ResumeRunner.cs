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
    public async Task RunAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, ActiveRequest active)
    {
        var replayed = new Replayed(message.AfterSeq ?? -1);
        var outcome = "complete";
        try
        {
            var end = await PostLoggedAsync(connectionId, principal, message, replayed, upToSeq: long.MaxValue, active.Token);
            if (end == ReplayEnd.ClientGone)
            {
                outcome = "client gone";
            }
            else if (end == ReplayEnd.LogEnded)
            {
                outcome = "log ended without a terminal frame";
                await RefuseAsync(connectionId, message.RequestId, replayed.LastSeq, FrameLogReadFailure.Incomplete);
            }
        }
        catch (FrameLogReadException failure)
        {
            outcome = failure.Failure.ToString();
            await RefuseAsync(connectionId, message.RequestId, replayed.LastSeq, failure.Failure);
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            outcome = "cancelled";
        }
        finally
        {
            registry.End(active);
            Log.Resumed(logger, connectionId, message.RequestId, message.AfterSeq ?? -1, replayed.Frames, outcome);
        }
    }

    /// <summary>
    /// <c>resume</c> on the connection an answer taken over here is still streaming to, asking for frames before the
    /// first one this task posted (<paramref name="upToSeq"/>): the task that died had logged them and may not have
    /// posted them. They are posted from the log, and nothing else: the live frames are already on their way, and the
    /// frames asked for are all stored (the take-over read them), so this never waits for a writer.
    /// </summary>
    public async Task FillSeamAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, long upToSeq, ActiveRequest active)
    {
        var replayed = new Replayed(message.AfterSeq ?? -1);
        var outcome = "seam filled";
        try
        {
            if (await PostLoggedAsync(connectionId, principal, message, replayed, upToSeq, active.Token) == ReplayEnd.ClientGone)
            {
                outcome = "client gone";
            }
        }
        catch (FrameLogReadException failure)
        {
            outcome = failure.Failure.ToString();
        }
        catch (OperationCanceledException) when (active.Token.IsCancellationRequested)
        {
            outcome = "cancelled";
        }
        finally
        {
            registry.End(active);
            Log.Resumed(logger, connectionId, message.RequestId, message.AfterSeq ?? -1, replayed.Frames, outcome);
        }
    }

    /// <summary>
    /// Posts the logged frames after <see cref="Replayed.LastSeq"/> as they were first sent (they carry their seq),
    /// until the terminal frame or the last one before <paramref name="upToSeq"/>. Only the principal's own log is read.
    /// </summary>
    private async Task<ReplayEnd> PostLoggedAsync(
        string connectionId, ShopperPrincipal principal, ClientMessage message, Replayed replayed, long upToSeq, CancellationToken cancellationToken)
    {
        var logKey = ShopperKeys.FrameLog(principal.Id, message.SessionId!, message.RequestId);
        await foreach (var frame in frameLog.ReadAfterAsync(logKey, replayed.LastSeq, cancellationToken))
        {
            if (await poster.PostAsync(connectionId, frame.Frame, message.RequestId, frame.Seq, CancellationToken.None) != DeliveryResult.Delivered)
            {
                return ReplayEnd.ClientGone;
            }

            replayed.LastSeq = frame.Seq;
            replayed.Frames++;
            if (frame.IsTerminal)
            {
                return ReplayEnd.Terminal;
            }

            if (frame.Seq + 1 >= upToSeq)
            {
                return ReplayEnd.ReachedBound;
            }
        }

        return ReplayEnd.LogEnded;
    }

    /// <summary>The resume's terminal frame, numbered right after the last frame the client has.</summary>
    private async Task RefuseAsync(string connectionId, string requestId, long lastSeq, FrameLogReadFailure failure) =>
        await streams.ForRefusal(connectionId, requestId, firstSeq: lastSeq + 1).SendErrorAsync(ErrorCatalog.ResumeUnavailable(failure), CancellationToken.None);

    private enum ReplayEnd
    {
        Terminal,
        ReachedBound,
        ClientGone,
        LogEnded,
    }

    /// <summary>How far a replay got (read after an exception too, for the refusal's seq and the log line).</summary>
    private sealed class Replayed(long afterSeq)
    {
        public long LastSeq { get; set; } = afterSeq;

        public int Frames { get; set; }
    }
}
