using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Shoppers;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Continuity;

/// <summary>Frame paths of taken-over answers: numbered on from the frame log's next seq, to the same connection and the same log.</summary>
public sealed class ResumedStreams(FramePoster poster, IFrameLog frameLog, IOptions<StreamingOptions> streaming, IOptions<ResumeOptions> resume, TimeProvider timeProvider)
{
    /// <summary>
    /// Least time a taken-over answer goes on into the log alone once its connection is gone: its shopper likely
    /// reconnected during the pause and will <c>resume</c> from the log.
    /// </summary>
    public static readonly TimeSpan LeastDetachedGrace = TimeSpan.FromSeconds(30);

    public IFrameLog FrameLog => frameLog;

    public ClientFrameStream Open(AnswerTicket ticket, Intake.ActiveRequest active, long nextSeq)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = ShopperKeys.FrameLog(ticket.PrincipalId, ticket.SessionId, ticket.RequestId);
        var grace = resume.Value.DetachedGracePeriod > LeastDetachedGrace ? resume.Value.DetachedGracePeriod : LeastDetachedGrace;
        return new ClientFrameStream(ticket.ConnectionId, ticket.RequestId, poster, streaming.Value, new FrameLogWriter(frameLog, key),
            () => DetachTimer.TryStart(active, grace, timeProvider), nextSeq)
        {
            LogBeforePost = true,
        };
    }
}
