using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;

namespace MangaAssist.SharedState.Phases;

/// <summary>
/// What one answer settles in shared state, gathered while it runs and written with its last frame in one script
/// (<see cref="IAnswerPhases.WriteAsync"/>): the answer for the cache, the end of the flight it leads, the charges, the
/// fleet's spend and the remembered turns. Filled by one answer's stages one after another; settled once.
/// </summary>
public sealed class AnswerSettlement
{
    private readonly List<(RateLimitScope Scope, string Id, long Permits)> _charges = [];

    internal ICarriedFlight? Flight { get; private set; }

    internal FlightLeader? Leader { get; private set; }

    internal (CompletedAnswer? Answer, string? Failure)? FlightEnd { get; private set; }

    internal (ResponseCacheKey Key, CompletedAnswer Answer)? CacheStore { get; private set; }

    internal IReadOnlyList<(RateLimitScope Scope, string Id, long Permits)> Charges => _charges;

    internal decimal FleetSpend { get; private set; }

    internal (string Queue, string EntryId, string? AttachmentKey)? Lease { get; private set; }

    internal (string SessionId, IReadOnlyList<ConversationTurn> Turns)? Turns { get; private set; }

    /// <summary>Whether anything waits to be settled.</summary>
    public bool HasWork => Flight is not null || CacheStore is not null || _charges.Count > 0 || FleetSpend > 0 || Turns is not null || Lease is not null;

    /// <summary>Whether it was written (or given up); nothing is added after.</summary>
    public bool Settled { get; internal set; }

    /// <summary>
    /// Whether this settlement ends <paramref name="leader"/>'s flight: then end it here (<see cref="EndFlight"/> or
    /// <see cref="FailFlight"/>), never on the leader, and leave its disposal to the settlement.
    /// </summary>
    public bool Carries(FlightLeader leader) => leader is not null && ReferenceEquals(Leader, leader);

    public void EndFlight(CompletedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        FlightEnd = (answer, null);
    }

    public void FailFlight(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        FlightEnd = (null, reason);
    }

    /// <summary>Stores <paramref name="answer"/> under <paramref name="key"/> (as <see cref="IResponseCache.SetAsync"/>: only an <c>end_turn</c> answer).</summary>
    public void StoreInCache(ResponseCacheKey key, CompletedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.IsCacheable)
        {
            CacheStore = (key, answer);
        }
    }

    /// <summary>Charges <paramref name="permits"/> (as <see cref="IRateLimiter.ChargeAsync"/>).</summary>
    public void Charge(RateLimitScope scope, string id, long permits)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permits);
        _charges.Add((scope, id, permits));
    }

    /// <summary>Adds to the fleet's spend window (as <see cref="Spend.ISpendWindow.AddAsync"/>).</summary>
    public void AddFleetSpend(decimal amount) => FleetSpend += amount;

    /// <summary>Appends <paramref name="turns"/> to the session (as <see cref="ISessionMemory.AppendTurnsAsync"/>).</summary>
    public void Remember(string sessionId, IReadOnlyList<ConversationTurn> turns)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(turns);
        Turns = (sessionId, turns);
    }

    /// <summary>Completes the answer's unit of leased work (as <c>IWorkQueue.CompleteAsync</c>) with its last frame.</summary>
    public void CompleteLease(string queue, string entryId, string? attachmentKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentException.ThrowIfNullOrEmpty(entryId);
        Lease = (queue, entryId, attachmentKey);
    }

    /// <summary>Leaves the lease alone after all: the answer was handed over, and another task completes it.</summary>
    public void KeepLease() => Lease = null;

    internal void Carry(FlightLeader leader, ICarriedFlight flight) => (Leader, Flight) = (leader, flight);
}
