using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Spend;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Spend;

public sealed class SpendWindowFallbackTests
{
    [Fact]
    public async Task RedisUnreachable_CountsThisInstancesSpendLocally()
    {
        // A port nothing listens on: every Redis call fails and the window falls back.
        await using var instances = new SharedStateInstances("127.0.0.1:1,abortConnect=false,connectTimeout=200", settings: new Dictionary<string, string?>
        {
            ["Redis:OperationTimeout"] = "00:00:00.300",
            ["Redis:ConnectTimeout"] = "00:00:00.300",
        });
        var window = instances.Get<ISpendWindow>();

        await window.AddAsync(4m);
        await window.AddAsync(1m);

        (await window.LastMinuteAsync()).ShouldBeInRange(4.9m, 5m);
        instances.Get<RedisGateway>().UnavailableCalls.ShouldBeGreaterThan(0);
    }
}
