using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>
/// Single-flight across instances. Per flight key: a lease <c>{prefix}flight:{key}:lease</c> holding the
/// current flight id (SET NX PX, renewed by the leader), and per flight id a stream
/// <c>{prefix}flight:{key}:{id}</c> of events with ids <c>0-1, 0-2, …</c> (XADD with MAXLEN, PEXPIRE),
/// whose name is also the pub/sub channel that announces new events. Followers subscribe, then read from
/// their cursor with XRANGE, so they see every event once and in order however late they joined; a
/// follower that finds the lease gone without a terminal event appends <c>leader_lost</c> for everyone.
/// While Redis is unavailable, joins fall back to single-flight within this instance.
/// </summary>
internal sealed partial class RedisAnswerFlights : IAnswerFlights
{
    private const string Capability = "answer_flights";

    // KEYS[1] lease; ARGV[1] new flight id, ARGV[2] lease ms. → {1, id} leader | {0, id} follower of id
    private const string JoinScript = LuaFunctions.FlightJoin + """
        return join_flight(KEYS[1], ARGV[1], ARGV[2])
        """;

    private readonly RedisGateway _redis;
    private readonly InMemoryAnswerFlights _fallback;
    private readonly AnswerFlightsOptions _options;
    private readonly SharedStateTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public RedisAnswerFlights(RedisGateway redis, InMemoryAnswerFlights fallback, AnswerFlightsOptions options, SharedStateTelemetry telemetry, TimeProvider timeProvider, ILogger<RedisAnswerFlights> logger)
    {
        _redis = redis;
        _fallback = fallback;
        _options = options;
        _telemetry = telemetry;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<AnswerFlight> JoinOrLeadAsync(string flightKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(flightKey);
        var leaseKey = LeaseKeyOf(flightKey);
        var candidateId = NewFlightId();
        RedisResult[] joined;
        try
        {
            joined = (RedisResult[])(await _redis.RunAsync(
                "flight.join",
                db => db.ScriptEvaluateAsync(JoinScript, [leaseKey], [candidateId, Milliseconds(_options.LeaseDuration)]),
                cancellationToken))!;
        }
        catch (SharedStateUnavailableException)
        {
            return await FallBackAsync(flightKey, cancellationToken);
        }

        return Joined(flightKey, (int)joined[0] == 1, (string)joined[1]!, carried: false);
    }

    internal AnswerFlightsOptions Options => _options;

    internal string LeaseKeyOf(string flightKey) => $"{_redis.KeyPrefix}flight:{{{flightKey}}}:lease";

    internal static string NewFlightId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// The caller's place in the flight a join script answered; a <paramref name="carried"/> leader's events go out in the
    /// answer's own phase scripts (<see cref="CarriedLeader"/>) instead of its own publishes.
    /// </summary>
    internal AnswerFlight Joined(string flightKey, bool leads, string flightId, bool carried)
    {
        var names = new FlightNames(LeaseKeyOf(flightKey), $"{_redis.KeyPrefix}flight:{{{flightKey}}}:{flightId}", flightId);
        return leads ? new Leader(flightKey, names, this, carried) : new Follower(flightKey, names, this);
    }

    internal Task<AnswerFlight> FallBackAsync(string flightKey, CancellationToken cancellationToken)
    {
        _telemetry.RecordFallback(Capability);
        Log.FellBack(_logger, Capability);
        return _fallback.JoinOrLeadAsync(flightKey, cancellationToken);
    }

    internal static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    internal readonly record struct FlightNames(string Lease, string Events, string FlightId);
}
