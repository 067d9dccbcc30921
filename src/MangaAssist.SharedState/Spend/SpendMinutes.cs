using MangaAssist.SharedState.RateLimiting;

namespace MangaAssist.SharedState.Spend;

/// <summary>
/// The arithmetic both windows share: amounts are whole micro-units (so Redis can add them atomically with
/// INCRBY), kept per wall-clock minute; the last minute is the current bucket plus the previous one weighted by
/// how much of it still lies inside the sliding minute.
/// </summary>
internal static class SpendMinutes
{
    public static TimeSpan BucketLifetime { get; } = TimeSpan.FromMinutes(2);

    public static long Minute(DateTimeOffset now) => now.ToUnixTimeSeconds() / 60;

    public static long ToMicros(decimal amount) => SpendBudget.ToMicros(amount);

    public static decimal Sliding(DateTimeOffset now, long currentMicros, long previousMicros)
    {
        var intoMinute = (decimal)(now.ToUnixTimeMilliseconds() % 60_000) / 60_000m;
        return (currentMicros + (previousMicros * (1 - intoMinute))) / SpendBudget.MicrosPerUnit;
    }
}
