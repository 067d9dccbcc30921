using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Spend;

/// <summary>
/// One Redis counter per minute, <c>{prefix}spend:{minute}</c>, in micro-units (INCRBY, then PEXPIRE so a
/// minute is forgotten once it can no longer count). While Redis is unavailable this instance's own window
/// decides, and the log says so once per outage.
/// </summary>
internal sealed class RedisSpendWindow(
    RedisGateway redis, InMemorySpendWindow fallback, SharedStateTelemetry telemetry, TimeProvider timeProvider, ILogger<RedisSpendWindow> logger) : ISpendWindow
{
    private const string Capability = "spend_window";

    private int _fellBack;

    public async Task AddAsync(decimal amount, CancellationToken cancellationToken = default)
    {
        var micros = SpendMinutes.ToMicros(amount);
        if (micros == 0)
        {
            return;
        }

        // The local window always counts too, so a fallback starts from this instance's recent spend.
        await fallback.AddAsync(amount, cancellationToken);
        var key = Key(SpendMinutes.Minute(timeProvider.GetUtcNow()));
        try
        {
            await redis.RunAsync("spend.add", async db =>
            {
                var batch = db.CreateBatch();
                var added = batch.StringIncrementAsync(key, micros);
                var expiry = batch.KeyExpireAsync(key, SpendMinutes.BucketLifetime);
                batch.Execute();
                await Task.WhenAll(added, expiry);
                return added.Result;
            }, cancellationToken);
            Recovered();
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
        }
    }

    public async Task<decimal> LastMinuteAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var minute = SpendMinutes.Minute(now);
        RedisValue[] values;
        try
        {
            values = await redis.RunAsync("spend.read", db => db.StringGetAsync([Key(minute), Key(minute - 1)]), cancellationToken);
        }
        catch (SharedStateUnavailableException)
        {
            FellBack();
            return await fallback.LastMinuteAsync(cancellationToken);
        }

        Recovered();
        return SpendMinutes.Sliding(now, Micros(values[0]), Micros(values[1]));
    }

    private RedisKey Key(long minute) => KeyOf(redis.KeyPrefix, minute);

    internal static string KeyOf(string prefix, long minute) => $"{prefix}spend:{minute}";

    internal static long Micros(RedisValue value) => value.TryParse(out long micros) ? micros : 0;

    private void FellBack()
    {
        telemetry.RecordFallback(Capability);
        if (Interlocked.Exchange(ref _fellBack, 1) == 0)
        {
            Log.SpendWindowLocal(logger);
        }
    }

    private void Recovered() => Interlocked.Exchange(ref _fellBack, 0);
}
