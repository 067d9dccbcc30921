using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Streaming;
using MangaAssist.SharedState.FrameLog;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// <c>resume</c>: a client that lost its socket asks, on its new connection, for the frames of an
/// answer after the last seq it has. They come from the shared frame log — written by whichever
/// instance produces the answer — first the stored ones, then the live tail, each exactly once and
/// in order, until the answer's terminal frame.
/// </summary>
public sealed class ResumeRunner(
    IFrameLog frameLog,
    FramePoster poster,
    ChatRequestRegistry registry,
    IOptions<StreamingOptions> streaming,
    ILogger<ResumeRunner> logger)
{
    public async Task RunAsync(string connectionId, ClientMessage message, ActiveRequest active)
    {
        var afterSeq = message.AfterSeq ?? -1;
        var lastSeq = afterSeq;
        var frames = 0;
        var outcome = "complete";
        try
        {
            await foreach (var frame in frameLog.ReadAfterAsync(FrameLogWriter.KeyFor(message.SessionId!, message.RequestId), afterSeq, active.Token))
            {
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

    /// <summary>The resume's terminal frame, numbered right after the last frame the client has.</summary>
    private async Task RefuseAsync(string connectionId, string requestId, long lastSeq, FrameLogReadFailure failure)
    {
        var (text, retryable) = failure switch
        {
            FrameLogReadFailure.NotFound => ("There is no answer to resume for this request: it is unknown or expired.", false),
            FrameLogReadFailure.Unavailable => ("Resuming is unavailable right now. Please ask again.", true),
            _ => ("The rest of this answer can no longer be resumed. Please ask again.", true),
        };
        var stream = new ClientFrameStream(connectionId, requestId, poster, streaming.Value, firstSeq: lastSeq + 1);
        await stream.SendErrorAsync(new ErrorFrame(ErrorCodes.ResumeUnavailable, text, retryable, retryable ? 1000 : null), CancellationToken.None);
    }
}
