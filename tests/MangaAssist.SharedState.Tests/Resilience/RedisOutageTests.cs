using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Text;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Tests.Support;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Tests.Resilience;

/// <summary>Each test owns its redis-server, kills or freezes it mid-run, and brings it back.</summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes it in IAsyncLifetime.DisposeAsync, which the rule does not see.")]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private static readonly CompletedAnswer Answer = new("『ワンピース』です。", "haiku", "end_turn", new AnswerUsage(10, 5));
    private RedisServer _redis = null!;
    private SharedStateInstances _instances = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _instances = new SharedStateInstances(_redis.Configuration, settings: new Dictionary<string, string?>
        {
            ["Redis:OperationTimeout"] = "00:00:01",
            ["Redis:ConnectTimeout"] = "00:00:01",
            ["Redis:CircuitBreaker:MinimumThroughput"] = "3",
            ["Redis:CircuitBreaker:BreakDuration"] = "00:00:02",
            ["SharedState:AnswerFlights:PollInterval"] = "00:00:00.050",
            ["SharedState:FrameLog:PollInterval"] = "00:00:00.050",
        });
    }

    public async Task DisposeAsync()
    {
        await _instances.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private RedisGateway Gateway(int instance = 0) => _instances.Get<RedisGateway>(instance);

    private static ResponseCacheKey Key(string question) => ResponseCacheKey.Create("haiku", question, "fp", "stateless");

    [Fact]
    public async Task RedisKilled_CapabilitiesFallBack_CircuitOpens_AndEverythingRecoversAfterRestart()
    {
        var cache = _instances.Get<IResponseCache>(0);
        await cache.SetAsync(Key("before"), Answer);
        (await _instances.Get<IResponseCache>(1).TryGetAsync(Key("before"))).ShouldBe(Answer);
        _instances.Get<ISharedStateHealth>(0).Status.ShouldBe(SharedStateStatus.Available);

        await _redis.KillAsync();

        // Every capability answers, from this instance's memory where it has a fallback.
        (await cache.TryGetAsync(Key("before"))).ShouldBeNull();
        (await cache.SetAsync(Key("during"), Answer)).ShouldBeTrue();
        (await cache.TryGetAsync(Key("during"))).ShouldBe(Answer);
        (await _instances.Get<IRateLimiter>(0).TryAcquireAsync(RateLimitScope.UserMessages, "u-1")).Allowed.ShouldBeTrue();
        await _instances.Get<ISessionMemory>(0).AppendTurnAsync("s-1", new ConversationTurn(TurnRole.User, "こんにちは"));
        (await _instances.Get<ISessionMemory>(0).ReadRecentAsync("s-1", 10, 100)).Count.ShouldBe(1);
        await using (var local = await _instances.Get<IAnswerFlights>(0).JoinOrLeadAsync("k"))
        {
            local.ShouldBeAssignableTo<FlightLeader>();
            (await _instances.Get<IAnswerFlights>(0).JoinOrLeadAsync("k")).ShouldBeAssignableTo<FlightFollower>();
        }

        // The frame log has no fallback: it says so instead of resuming with a hole.
        (await _instances.Get<IFrameLog>(0).AppendAsync("r-1", 0, "{}"u8.ToArray(), false)).ShouldBe(FrameAppendResult.Unavailable);
        var resume = await Should.ThrowAsync<FrameLogReadException>(async () =>
        {
            await foreach (var frame in _instances.Get<IFrameLog>(0).ReadAfterAsync("r-1", -1))
            {
                frame.Seq.ShouldBe(-1);
            }
        });
        resume.Failure.ShouldBe(FrameLogReadFailure.Unavailable);

        Gateway().CircuitState.ShouldBe(CircuitState.Open);
        _instances.Get<ISharedStateHealth>(0).Status.ShouldBe(SharedStateStatus.Unavailable);
        var refused = await Should.ThrowAsync<SharedStateUnavailableException>(() => Gateway().RunAsync("probe", db => db.PingAsync()));
        refused.InnerException.ShouldBeOfType<BrokenCircuitException>();

        await _redis.RestartAsync();

        await WaitUntilAvailableAsync(0);
        await WaitUntilAvailableAsync(1);
        var unavailableBefore = Gateway().UnavailableCalls;
        await cache.SetAsync(Key("after"), Answer);
        (await _instances.Get<IResponseCache>(1).TryGetAsync(Key("after"))).ShouldBe(Answer);
        await using var leader = await _instances.Get<IAnswerFlights>(0).JoinOrLeadAsync("k2");
        await using var follower = await _instances.Get<IAnswerFlights>(1).JoinOrLeadAsync("k2");
        leader.ShouldBeAssignableTo<FlightLeader>();
        follower.ShouldBeAssignableTo<FlightFollower>();
        (await _instances.Get<IFrameLog>(0).AppendAsync("r-2", 0, "{}"u8.ToArray(), true)).ShouldBe(FrameAppendResult.Appended);
        (await _instances.Get<IRateLimiter>(1).TryAcquireAsync(RateLimitScope.UserMessages, "u-2")).Allowed.ShouldBeTrue();
        Gateway().UnavailableCalls.ShouldBe(unavailableBefore);
    }

    [Fact]
    public async Task RedisFrozen_CallsTimeOut_ThenFailFast_InFlightReadersEnd_AndItRecovers()
    {
        var circuitStates = new List<long>();
        using var listener = ListenToCircuit(_instances.Instance(0).GetRequiredService<IMeterFactory>(), circuitStates);
        var frames = _instances.Get<IFrameLog>(0);
        await frames.AppendAsync("r-1", 0, "{\"seq\":0}"u8.ToArray(), false);
        var leader = (FlightLeader)await _instances.Get<IAnswerFlights>(0).JoinOrLeadAsync("k");
        var follower = (FlightFollower)await _instances.Get<IAnswerFlights>(1).JoinOrLeadAsync("k");
        leader.PublishText("途中");
        await using var flightEvents = follower.ReadEventsAsync().GetAsyncEnumerator();
        (await flightEvents.MoveNextAsync()).ShouldBeTrue();
        await using var resumed = _instances.Get<IFrameLog>(1).ReadAfterAsync("r-1", -1).GetAsyncEnumerator();
        (await resumed.MoveNextAsync()).ShouldBeTrue();

        _redis.Pause();
        try
        {
            // The client's own AsyncTimeout ends the call (checked every quarter of the 1 s timeout), not a hang.
            var started = Stopwatch.GetTimestamp();
            var first = await Should.ThrowAsync<SharedStateUnavailableException>(() => Gateway().RunAsync("probe", db => db.PingAsync()));
            var waited = Stopwatch.GetElapsedTime(started);
            first.InnerException.ShouldBeAssignableTo<TimeoutException>();
            // About 1.25 s when it works; the bound leaves room for a loaded 2-core CI machine and still fails a hang.
            waited.ShouldBeLessThan(TimeSpan.FromSeconds(2.5));
            for (var attempt = 0; attempt < 10 && Gateway().CircuitState != CircuitState.Open; attempt++)
            {
                (await _instances.Get<IResponseCache>(0).TryGetAsync(Key("q"))).ShouldBeNull();
            }

            Gateway().CircuitState.ShouldBe(CircuitState.Open);
            listener.RecordObservableInstruments();
            var fast = await Should.ThrowAsync<SharedStateUnavailableException>(() => Gateway().RunAsync("probe", db => db.PingAsync()));
            fast.InnerException.ShouldBeOfType<BrokenCircuitException>();

            // Readers in flight end with a failure instead of waiting on a frozen Redis.
            (await flightEvents.MoveNextAsync()).ShouldBeTrue();
            flightEvents.Current.FailureReason.ShouldBe(FlightFailureReasons.SharedStateUnavailable);
            (await Should.ThrowAsync<FrameLogReadException>(async () => await resumed.MoveNextAsync())).Failure.ShouldBe(FrameLogReadFailure.Unavailable);

            // The leader keeps answering its own client; it just stops broadcasting.
            leader.PublishText("続き");
            await leader.CompleteAsync(new CompletedAnswer("途中続き", "haiku", "end_turn", default));
            leader.IsBroadcasting.ShouldBeFalse();
        }
        finally
        {
            _redis.Resume();
        }

        await WaitUntilAvailableAsync(0);
        listener.RecordObservableInstruments();
        circuitStates.ShouldContain((long)CircuitState.Open);
        circuitStates[^1].ShouldBe((long)CircuitState.Closed);
        await leader.DisposeAsync();
        await follower.DisposeAsync();
    }

    [Fact]
    public async Task NoRedisAtStartUp_AfterThePatience_CallsFallBack_AndRedisIsUsedOnceItStarts()
    {
        _instances.Set("Redis:StartupPatience", "00:00:00");
        await _redis.KillAsync();
        var cache = _instances.Get<IResponseCache>(0);

        (await cache.SetAsync(Key("q"), Answer)).ShouldBeTrue();
        _instances.Get<ISharedStateHealth>(0).Status.ShouldBe(SharedStateStatus.Unavailable);

        await _redis.RestartAsync();
        await WaitUntilAvailableAsync(0);
        await cache.SetAsync(Key("q2"), Answer);
        (await _instances.Get<IResponseCache>(1).TryGetAsync(Key("q2"))).ShouldBe(Answer);
    }

    [Fact]
    public async Task RedisLateAtStartUp_CallsWaitForTheFirstConnection_WithoutOpeningTheCircuit()
    {
        _instances.Set("Redis:StartupPatience", "00:00:20");
        await _redis.KillAsync();
        var cache = _instances.Get<IResponseCache>(0);
        var health = _instances.Get<ISharedStateHealth>(0);
        var healthChecks = _instances.Instance(0).GetRequiredService<HealthCheckService>();

        var set = cache.SetAsync(Key("late"), Answer);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        set.IsCompleted.ShouldBeFalse("a call before the first connection waits for it");
        health.Status.ShouldBe(SharedStateStatus.Connecting);
        (await healthChecks.CheckHealthAsync()).Status.ShouldBe(HealthStatus.Unhealthy, "not ready before Redis answered once");

        await _redis.RestartAsync();
        (await set).ShouldBeTrue();

        Gateway().UnavailableCalls.ShouldBe(0);
        Gateway().CircuitState.ShouldBe(CircuitState.Closed);
        health.Status.ShouldBe(SharedStateStatus.Available);
        (await _instances.Get<IResponseCache>(1).TryGetAsync(Key("late"))).ShouldBe(Answer, "written to Redis, not to the local fallback");
    }

    [Fact]
    public async Task RedisRestartedEmpty_TheWorkQueueMakesItsGroupAgain_AndLeasesGoOn()
    {
        const string queue = "answers-restart";
        var queues = _instances.Get<IWorkQueue>(0);
        var ticket = new WorkAttachment("ticket:o:s:r-1", new byte[] { 1 }, TimeSpan.FromMinutes(1));
        var before = await queues.EnqueueAndTakeAsync(queue, "o:s:r-1", "consumer-a", ticket);
        await queues.EnqueueAsync("jobs-restart", "job-1");
        (await queues.TakeAsync("jobs-restart", "consumer-a")).ShouldNotBeNull();

        await _redis.KillAsync();
        await _redis.RestartAsync();
        await WaitUntilAvailableAsync(0);

        // The lease went with the group: renewing or handing it over is Redis unavailable, not "taken by another task".
        await Should.ThrowAsync<SharedStateUnavailableException>(() => queues.RenewAsync(before));
        await Should.ThrowAsync<SharedStateUnavailableException>(() => queues.HandOverAsync(before));

        // The stream and its group are gone with the restart; none of these may fail with NOGROUP or "no such key".
        (await queues.LivePeersAsync(queue, "consumer-a", TimeSpan.FromMinutes(1))).ShouldBe(0);
        (await queues.ClaimStaleAsync(queue, "consumer-a", TimeSpan.Zero, 8, WorkClaims.FirstCursor)).Claimed.ShouldBeEmpty();
        (await queues.RenewAsync(before)).ShouldBeFalse("the lease was lost with Redis's data");
        (await queues.HandOverAsync(before)).ShouldBeFalse();
        await queues.EnqueueAsync("jobs-restart", "job-2");
        (await queues.TakeAsync("jobs-restart", "consumer-a")).ShouldNotBeNull().WorkId.ShouldBe("job-2");
        var after = await queues.EnqueueAndTakeAsync(queue, "o:s:r-2", "consumer-a", ticket with { Key = "ticket:o:s:r-2" });
        (await queues.RenewAsync(after)).ShouldBeTrue();
    }

    /// <summary>Keeps making calls (each a chance for the half-open trial) until the instance reports Redis available.</summary>
    private async Task WaitUntilAvailableAsync(int instance)
    {
        var health = _instances.Get<ISharedStateHealth>(instance);
        for (var attempt = 0; attempt < 200 && health.Status != SharedStateStatus.Available; attempt++)
        {
            await _instances.Get<IResponseCache>(instance).TryGetAsync(Key("probe"));
            await Task.Delay(50);
        }

        health.Status.ShouldBe(SharedStateStatus.Available, "Redis did not come back within 10 s of calls");
    }

    private static MeterListener ListenToCircuit(IMeterFactory meters, List<long> states)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "mangaassist.redis.circuit.state" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            lock (states)
            {
                states.Add(value);
            }
        });
        listener.Start();
        return listener;
    }
}
