using System.Text;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Spend;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Phases;

/// <summary>
/// The per-phase scripts on a real redis-server: what each phase writes reads back through the capabilities exactly
/// as if each had been called on its own, on another instance too.
/// </summary>
public sealed class AnswerPhasesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private SharedStateInstances Instances { get; } = new(redis.Server.Configuration);

    private static readonly CompletedAnswer Answer = new("Hello, reader", "model-a", CompletedAnswer.EndTurn, new AnswerUsage(10, 4));

    private IAnswerPhases Phases(int instance = 0) => Instances.Get<IAnswerPhases>(instance);

    [Fact]
    public async Task Admit_TakesEachBucketAndReadsTheTurnsAndTheFleetSpend()
    {
        await Instances.Get<ISessionMemory>(1).AppendTurnsAsync("u_1:s", [new(TurnRole.User, "q"), new(TurnRole.Assistant, "a")]);
        await Instances.Get<ISpendWindow>(1).AddAsync(2m);
        var call = new AdmitCall([(RateLimitScope.ConnectionMessages, "c-1"), (RateLimitScope.UserMessages, "u_1")], "u_1:s", 10, 1000, ReadFleetSpend: true);

        var reply = await Phases().AdmitAsync(call);

        reply.Verdict.Allowed.ShouldBeTrue();
        reply.Turns!.Select(t => t.Text).ShouldBe(["q", "a"]);
        reply.FleetSpend!.Value.ShouldBeInRange(1.9m, 2m);
    }

    [Fact]
    public async Task Admit_OverALimit_RefusesAtThatBucketAndReadsNothing()
    {
        var call = new AdmitCall([(RateLimitScope.UserMessages, "u_2"), (RateLimitScope.ConnectionMessages, "c-2")], "u_2:s", 10, 1000, ReadFleetSpend: false);
        for (var i = 0; i < 10; i++)
        {
            (await Phases(i % 2).AdmitAsync(call)).Verdict.Allowed.ShouldBeTrue();
        }

        var refused = await Phases().AdmitAsync(call);

        refused.Verdict.RefusedAt.ShouldBe(1);
        refused.Verdict.Decision.RetryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        refused.Turns.ShouldBeNull();
    }

    [Fact]
    public async Task AdmitTakesTheLease_AndTheLastWriteCompletesIt()
    {
        var take = new LeaseTake("answers", "u_5:s:r", "task-a", "ticket:u_5:s:r", Encoding.UTF8.GetBytes("ticket"), TimeSpan.FromMinutes(1));
        var reply = await Phases().AdmitAsync(new AdmitCall([(RateLimitScope.UserMessages, "u_5")], null, 0, 0, ReadFleetSpend: false, take));
        var prefix = Instances.Get<RedisGateway>().KeyPrefix;
        await using var raw = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        var db = raw.GetDatabase();

        reply.LeaseEntryId.ShouldNotBeNull();
        (await db.StreamPendingAsync(prefix + "work:answers", "workers")).PendingMessageCount.ShouldBe(1);
        ((string?)await db.StringGetAsync(prefix + "ticket:u_5:s:r")).ShouldBe("ticket");

        var settlement = new AnswerSettlement();
        settlement.CompleteLease("answers", reply.LeaseEntryId!, "ticket:u_5:s:r");
        await Phases(1).WriteAsync("u_5:s:r", [Frame(0, terminal: true)], settlement, settles: true);

        (await db.StreamPendingAsync(prefix + "work:answers", "workers")).PendingMessageCount.ShouldBe(0);
        (await db.KeyExistsAsync(prefix + "ticket:u_5:s:r")).ShouldBeFalse();
    }

    [Fact]
    public async Task Admit_LogsTheStartFrame_OnlyWhenAdmittedAndTheLogIsNew()
    {
        var start = new LoggedStart("u_6:s:r", Frame(0).Frame);
        var reply = await Phases().AdmitAsync(new AdmitCall([(RateLimitScope.UserMessages, "u_6")], null, 0, 0, ReadFleetSpend: false, Start: start));
        await Phases(1).WriteAsync("u_6:s:r", [Frame(1, terminal: true)], new AnswerSettlement(), settles: true);

        reply.StartLogged.ShouldBeTrue();
        (await ReadFramesAsync(Instances.Get<IFrameLog>(1), "u_6:s:r")).ShouldBe([0, 1]);
        // The same request id again: its log is closed, so the start is left to the frame log's own write (which says why).
        (await Phases().AdmitAsync(new AdmitCall([(RateLimitScope.UserMessages, "u_6")], null, 0, 0, ReadFleetSpend: false, Start: start))).StartLogged.ShouldBeFalse();

        var bucket = new AdmitCall([(RateLimitScope.UserMessages, "u_7")], null, 0, 0, ReadFleetSpend: false);
        while ((await Phases().AdmitAsync(bucket)).Verdict.Allowed)
        {
        }

        var refused = await Phases().AdmitAsync(bucket with { Start = new LoggedStart("u_7:s:r", Frame(0).Frame) });
        await using var raw = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);

        refused.StartLogged.ShouldBeFalse();
        (await raw.GetDatabase().KeyExistsAsync(RedisFrameLog.KeyOf(Instances.Get<RedisGateway>().KeyPrefix, "u_7:s:r"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Lookup_AHitIsTheCachedAnswer_AMissLeadsThenFollows()
    {
        var cachedKey = ResponseCacheKey.Create("model-a", "cached?", "fp", "p");
        await Instances.Get<IResponseCache>(1).SetAsync(cachedKey, Answer);
        var missKey = ResponseCacheKey.Create("model-a", "new?", "fp", "p");

        var hit = await Phases().LookupAsync(cachedKey, new AnswerSettlement());
        var lead = await Phases().LookupAsync(missKey, new AnswerSettlement());
        var follow = await Phases(1).LookupAsync(missKey, new AnswerSettlement());

        hit.Cached!.Text.ShouldBe(Answer.Text);
        hit.Flight.ShouldBeNull();
        lead.Flight.ShouldBeAssignableTo<FlightLeader>();
        follow.Flight.ShouldBeAssignableTo<FlightFollower>();
        await lead.Flight!.DisposeAsync();
    }

    [Fact]
    public async Task Write_TheLastFrameSettlesTheAnswer_AndTheFlightsFollowersGetItAll()
    {
        var key = ResponseCacheKey.Create("model-a", "settle?", "fp", "p");
        var settlement = new AnswerSettlement();
        var leader = (FlightLeader)(await Phases().LookupAsync(key, settlement)).Flight!;
        settlement.Carries(leader).ShouldBeTrue();
        var follower = (FlightFollower)(await Instances.Get<IAnswerFlights>(1).JoinOrLeadAsync(key.Value));
        var events = ReadAllAsync(follower);

        leader.PublishText("Hello, ");
        (await Phases().WriteAsync("u_3:s:r", [Frame(0)], settlement, settles: false)).ShouldBe(FrameAppendResult.Appended);
        leader.PublishText("reader");
        settlement.EndFlight(Answer);
        settlement.StoreInCache(key, Answer);
        settlement.Charge(RateLimitScope.UserOutputTokens, "u_3", 100_000);
        settlement.AddFleetSpend(0.5m);
        settlement.Remember("u_3:s", [new(TurnRole.User, "settle?"), new(TurnRole.Assistant, Answer.Text)]);
        (await Phases().WriteAsync("u_3:s:r", [Frame(1), Frame(2, terminal: true)], settlement, settles: true)).ShouldBe(FrameAppendResult.Appended);

        const int other = 1;
        (await ReadFramesAsync(Instances.Get<IFrameLog>(other), "u_3:s:r")).ShouldBe([0, 1, 2]);
        (await Instances.Get<IResponseCache>(other).TryGetAsync(key))!.Text.ShouldBe(Answer.Text);
        (await Instances.Get<ISessionMemory>(other).ReadRecentAsync("u_3:s", 10, 1000)).Select(t => t.Text).ShouldBe(["settle?", Answer.Text]);
        (await Instances.Get<ISpendWindow>(other).LastMinuteAsync()).ShouldBeInRange(0.49m, 0.5m);
        (await Instances.Get<IRateLimiter>(other).TryAcquireAsync(RateLimitScope.UserOutputTokens, "u_3")).Allowed.ShouldBeFalse();
        var received = await events;
        string.Concat(received.Where(e => e.Kind == FlightEventKind.Text).Select(e => e.Text)).ShouldBe(Answer.Text);
        received[^1].Answer!.Text.ShouldBe(Answer.Text);
        settlement.Settled.ShouldBeTrue();
    }

    [Fact]
    public async Task Write_WithoutRedis_FramesAreUnavailableAndTheSettlementStaysLocal()
    {
        await using var offline = new SharedStateInstances("127.0.0.1:1,abortConnect=false,connectTimeout=200", settings: new Dictionary<string, string?>
        {
            ["Redis:OperationTimeout"] = "00:00:00.300",
            ["Redis:ConnectTimeout"] = "00:00:00.300",
            ["Redis:StartupPatience"] = "00:00:00",
        });
        var key = ResponseCacheKey.Create("model-a", "offline?", "fp", "p");
        var settlement = new AnswerSettlement();
        settlement.StoreInCache(key, Answer);
        settlement.Remember("u_4:s", [new(TurnRole.User, "offline?")]);

        var result = await offline.Get<IAnswerPhases>().WriteAsync("u_4:s:r", [Frame(0, terminal: true)], settlement, settles: true);

        result.ShouldBe(FrameAppendResult.Unavailable);
        (await offline.Get<IResponseCache>().TryGetAsync(key))!.Text.ShouldBe(Answer.Text);
        (await offline.Get<ISessionMemory>().ReadRecentAsync("u_4:s", 10, 1000)).Count.ShouldBe(1);
        offline.Get<RedisGateway>().UnavailableCalls.ShouldBeGreaterThan(0);
    }

    private static LoggedFrame Frame(long seq, bool terminal = false) => new(seq, Encoding.UTF8.GetBytes($"{{\"seq\":{seq}}}"), terminal);

    private static async Task<List<long>> ReadFramesAsync(IFrameLog log, string key)
    {
        var seqs = new List<long>();
        await foreach (var frame in log.ReadAfterAsync(key, -1))
        {
            seqs.Add(frame.Seq);
        }

        return seqs;
    }

    private static async Task<List<FlightEvent>> ReadAllAsync(FlightFollower follower)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = new List<FlightEvent>();
        await foreach (var flightEvent in follower.ReadEventsAsync(timeout.Token))
        {
            events.Add(flightEvent);
        }

        return events;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Instances.DisposeAsync();
}
