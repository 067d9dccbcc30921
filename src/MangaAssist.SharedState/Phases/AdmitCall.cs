using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;

namespace MangaAssist.SharedState.Phases;

/// <summary>What an answer's admission takes and reads.</summary>
/// <param name="Buckets">One permit from each, in order, until one refuses.</param>
/// <param name="SessionId">The session whose recent turns to read (as <see cref="ISessionMemory.ReadRecentAsync"/>), or null.</param>
/// <param name="ReadFleetSpend">Whether to read the fleet's spend of the last minute (as <see cref="Spend.ISpendWindow.LastMinuteAsync"/>).</param>
public sealed record AdmitCall(
    IReadOnlyList<(RateLimitScope Scope, string Id)> Buckets, string? SessionId, int MaxTurns, int MaxApproxTokens, bool ReadFleetSpend);

/// <summary>What admission found: the verdict and, when every bucket allowed it, what the call asked to read.</summary>
public sealed record AdmitReply(RateLimitVerdict Verdict, IReadOnlyList<ConversationTurn>? Turns, decimal? FleetSpend);

/// <summary>A cached answer, or the flight this caller leads or follows (null when neither could be had).</summary>
public sealed record LookupReply(CompletedAnswer? Cached, AnswerFlights.AnswerFlight? Flight);
