using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Spend;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Spend;

public sealed class SpendWindowFallbackTests
{
    [Fact]
    public async Task RedisUnreachable_CountsThisInstancesSpendLocally()
    {
        // A port nothing listens on: every Redis call fails and the window falls back. No start-up wait: this is an
        // outage, not a start. The wall clock stands still mid-minute, so the sliding minute cannot roll over
        // between the two additions and the read (timers and timeouts still run on real time).
        await using var instances = new SharedStateInstances("127.0.0.1:1,abortConnect=false,connectTimeout=200",
            new MidMinuteWallClock(),
            new Dictionary<string, string?>
            {
                ["Redis:OperationTimeout"] = "00:00:00.300",
                ["Redis:ConnectTimeout"] = "00:00:00.300",
                ["Redis:StartupPatience"] = "00:00:00",
            });
        var window = instances.Get<ISpendWindow>();

        await window.AddAsync(4m);
        await window.AddAsync(1m);

        (await window.LastMinuteAsync()).ShouldBe(5m);
        instances.Get<RedisGateway>().UnavailableCalls.ShouldBeGreaterThan(0);
    }

    /// <summary>Real timestamps and timers; a wall clock fixed 30 s into a minute.</summary>
    private sealed class MidMinuteWallClock : TimeProvider
    {
        private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 30, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
