using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.Phases;

/// <summary>
/// An answer's shared-state work in one Redis round trip per phase instead of one per capability: admit (rate limits,
/// the fleet's spend, the session's turns), look up (response cache, else join the answer's flight) and write (frames,
/// the flight's text and, with the last frame, everything the answer settles). Registered only with Redis: in memory
/// there is no round trip to save, and the capabilities are called one by one. Each part keeps its capability's rules
/// and its fallback while Redis is unavailable (the frame log has none).
/// </summary>
public interface IAnswerPhases
{
    /// <summary>How long frames after an answer's first wait to be written together (<c>SharedState:FrameLog:BatchInterval</c>).</summary>
    TimeSpan FrameBatchInterval { get; }

    /// <summary>Takes one permit from each bucket in order (as <see cref="RateLimiting.IRateLimiter.TryAcquireEachAsync"/>); when all are taken, reads what <paramref name="admission"/> asks for too.</summary>
    Task<AdmitReply> AdmitAsync(AdmitCall admission, CancellationToken cancellationToken = default);

    /// <summary>The cached answer under <paramref name="key"/>; on a miss, joins the answer's flight (as <see cref="AnswerFlights.IAnswerFlights.JoinOrLeadAsync"/>).</summary>
    /// <param name="settlement">Carries a flight this call leads: its text rides in <see cref="WriteAsync"/>, and the settlement ends it.</param>
    Task<LookupReply> LookupAsync(ResponseCacheKey key, AnswerSettlement settlement, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends <paramref name="frames"/> (as <see cref="IFrameLog.AppendManyAsync"/>; none is allowed) with the flight text
    /// <paramref name="settlement"/> carries; when <paramref name="settles"/>, also everything it holds (once).
    /// </summary>
    Task<FrameAppendResult> WriteAsync(string logKey, IReadOnlyList<LoggedFrame> frames, AnswerSettlement settlement, bool settles, CancellationToken cancellationToken = default);
}
