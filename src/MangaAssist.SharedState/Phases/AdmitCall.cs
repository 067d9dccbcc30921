using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;

namespace MangaAssist.SharedState.Phases;

/// <summary>What an answer's admission takes and reads.</summary>
/// <param name="Buckets">One permit from each, in order, until one refuses.</param>
/// <param name="SessionId">The session whose recent turns to read (as <see cref="ISessionMemory.ReadRecentAsync"/>), or null.</param>
/// <param name="ReadFleetSpend">Whether to read the fleet's spend of the last minute (as <see cref="Spend.ISpendWindow.LastMinuteAsync"/>).</param>
/// <param name="Lease">When admitted, the answer's unit of leased work to enqueue and take at once (as <c>IWorkQueue.EnqueueAndTakeAsync</c>).</param>
/// <param name="Start">When admitted, the answer's first frame to append to its frame log (as <see cref="FrameLog.IFrameLog.AppendAsync"/>, seq 0).</param>
public sealed record AdmitCall(
    IReadOnlyList<(RateLimitScope Scope, string Id)> Buckets, string? SessionId, int MaxTurns, int MaxApproxTokens, bool ReadFleetSpend, LeaseTake? Lease = null,
    LoggedStart? Start = null);

/// <summary>
/// What admission found: the verdict and, when every bucket allowed it, what the call asked to read, the lease's entry id
/// and whether the start frame is in the log now (false when it was not asked for, or the log refused it).
/// </summary>
public sealed record AdmitReply(RateLimitVerdict Verdict, IReadOnlyList<ConversationTurn>? Turns, decimal? FleetSpend, string? LeaseEntryId = null, bool StartLogged = false);

/// <summary>An answer's <c>start</c> frame (seq 0) and the key of its frame log, logged with the admission.</summary>
public sealed record LoggedStart(string LogKey, ReadOnlyMemory<byte> Frame);

/// <summary>A unit of leased work taken with the admission: its queue, id, taker and attachment (key without the prefix).</summary>
public sealed record LeaseTake(string Queue, string WorkId, string Consumer, string AttachmentKey, ReadOnlyMemory<byte> Attachment, TimeSpan TimeToLive);

/// <summary>A cached answer, or the flight this caller leads or follows (null when neither could be had).</summary>
public sealed record LookupReply(CompletedAnswer? Cached, AnswerFlights.AnswerFlight? Flight);
