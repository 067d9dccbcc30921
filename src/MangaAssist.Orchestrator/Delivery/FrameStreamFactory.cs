using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.Shoppers;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// The one way to open a frame path to a client: an answer's (numbered from 0, copied to the frame
/// log when answers are resumable), or a single refusal's (a bad message, or the end of a resume,
/// numbered where the client's frames left off).
/// </summary>
public sealed class FrameStreamFactory(
    FramePoster poster, IFrameLog frameLog, IOptions<StreamingOptions> streaming, IOptions<ResumeOptions> resume, IAnswerPhases? phases = null, TimeProvider? timeProvider = null)
{
    /// <summary>Whether answers are logged for <c>resume</c>; the grace period a detached answer goes on for.</summary>
    public ResumeOptions Resume => resume.Value;

    /// <summary>A frame path for an answer.</summary>
    /// <param name="detachWhenGone">Called when the client is gone: true to go on into the frame log only.</param>
    /// <param name="principalId">Whose answer it is: its frame log is kept under them (<see cref="ShopperKeys.FrameLog"/>).</param>
    public ClientFrameStream ForAnswer(string connectionId, string principalId, string sessionId, string requestId, Func<bool> detachWhenGone)
    {
        if (!resume.Value.Enabled)
        {
            return ForRefusal(connectionId, requestId);
        }

        var log = new FrameLogWriter(frameLog, ShopperKeys.FrameLog(principalId, sessionId, requestId), phases, timeProvider);
        return new ClientFrameStream(connectionId, requestId, poster, streaming.Value, log, detachWhenGone);
    }

    /// <summary>Answers a keep-alive <c>ping</c> with one <c>pong</c> frame.</summary>
    public async Task SendPongAsync(string connectionId, string? requestId)
    {
        var frame = new System.Buffers.ArrayBufferWriter<byte>(96);
        Protocol.FrameSerializer.WritePong(frame, requestId);
        await poster.PostAsync(connectionId, frame.WrittenMemory, requestId, 0, CancellationToken.None);
    }

    /// <summary>A frame path for one error frame, with no answer behind it.</summary>
    public ClientFrameStream ForRefusal(string connectionId, string? requestId, long firstSeq = 0) =>
        new(connectionId, requestId, poster, streaming.Value, firstSeq: firstSeq);
}
