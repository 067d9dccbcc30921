using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// One answer on its way through the pipeline: the request, its cancellation, its frame path, and
/// what is known so far. Each stage reads and writes it; nothing else holds the answer's state.
/// </summary>
public sealed class Answer(ChatRequest request, ActiveRequest active, ClientFrameStream stream, long startedTimestamp)
{
    public ChatRequest Request { get; } = request;

    public ActiveRequest Active { get; } = active;

    public ClientFrameStream Stream { get; } = stream;

    public long StartedTimestamp { get; } = startedTimestamp;

    public CancellationToken Token => Active.Token;

    public TimeSpan? FirstToken { get; set; }

    public AnswerSource Source { get; set; } = AnswerSource.None;

    /// <summary>The model's result when the model was asked; says why when it failed.</summary>
    public GenerationResult? Generation { get; set; }

    /// <summary>The answer the client was sent <c>done</c> for.</summary>
    public CompletedAnswer? Finished { get; set; }

    public AnswerOutcome Outcome { get; set; } = AnswerOutcome.Failed;

    /// <summary>The session's recent turns when admission read them in its round trip; null: read them when preparing.</summary>
    public IReadOnlyList<ConversationTurn>? PrefetchedTurns { get; set; }

    /// <summary>The fleet's spend of the last minute when admission read it in its round trip.</summary>
    public decimal? PrefetchedFleetSpend { get; set; }

    /// <summary>The unit of leased work admission takes in its round trip (with Redis), or null.</summary>
    public LeaseTake? LeaseToTake { get; set; }

    /// <summary>The start frame admission logs in its round trip (with Redis, when nothing can refuse the answer after it), or null.</summary>
    public LoggedStart? StartToLog { get; set; }

    /// <summary>The entry id of the lease admission took, or null when it took none.</summary>
    public string? TakenLeaseId { get; set; }

    /// <summary>Whether a frame was lost: nothing more may be sent.</summary>
    public bool StreamBroken => Stream.State != DeliveryResult.Delivered;

    public AnswerOutcome StreamOutcome => Stream.State == DeliveryResult.ClientGone ? AnswerOutcome.ClientGone : AnswerOutcome.DeliveryFailed;

    /// <summary>Ends an answer that was stopped: its error frame when the client can still get one, and the outcome.</summary>
    public async Task<AnswerOutcome> StopAsync()
    {
        if (ErrorCatalog.ForCancellation(Active.Reason) is { } frame && !StreamBroken)
        {
            await Stream.SendErrorAsync(frame, CancellationToken.None);
        }

        return Active.Reason switch
        {
            CancelReason.ClientGone or CancelReason.ClientDisconnected => AnswerOutcome.ClientGone,
            CancelReason.DeliveryFailed => AnswerOutcome.DeliveryFailed,
            CancelReason.TotalTimeout => AnswerOutcome.TimedOut,
            _ => AnswerOutcome.Cancelled,
        };
    }

    /// <summary>Ends an answer that crashed with <c>internal_error</c>, unless it already ended or cannot reach the client.</summary>
    public async Task FailAsync()
    {
        Outcome = AnswerOutcome.Failed;
        if (!Stream.TerminalSent && !StreamBroken)
        {
            await Stream.SendErrorAsync(ErrorCatalog.Internal, CancellationToken.None);
        }
    }

    /// <summary>Gives the frame log a terminal frame when the client never got one, so a resumer learns how the answer ended.</summary>
    public async Task CloseLogAsync()
    {
        if (!Stream.TerminalSent)
        {
            await Stream.CloseLogAsync(ErrorCatalog.ForCancellation(Active.Reason) ?? ErrorCatalog.ClientGone);
        }
    }
}
