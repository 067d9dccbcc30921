namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>
/// Single-flight for answers, within this instance and across instances: of all callers that join the
/// same key while a flight is under way, exactly one leads (asks the model and publishes what it
/// produces) and every other one follows (receives the leader's events from the first, live, in order,
/// exactly once, ending with exactly one completion or failure).
/// </summary>
public interface IAnswerFlights
{
    /// <summary>
    /// Returns a <see cref="FlightLeader"/> when no flight for <paramref name="flightKey"/> is under way
    /// (or the last one failed), otherwise a <see cref="FlightFollower"/> of the current one. A flight that
    /// completed stays joinable for <c>SharedState:AnswerFlights:CompletedLinger</c>, so a caller that just
    /// missed the cache replays it instead of asking the model again. Dispose what you get.
    /// </summary>
    /// <param name="flightKey">Typically <see cref="ResponseCache.ResponseCacheKey.Value"/>.</param>
    Task<AnswerFlight> JoinOrLeadAsync(string flightKey, CancellationToken cancellationToken = default);
}
