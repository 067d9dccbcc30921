namespace MangaAssist.LoadTest.Running;

/// <summary>
/// A user's pauses between an answer and the next question: exponentially distributed around the mean
/// (arrivals of independent people), capped at five means so one unlucky draw cannot idle a user for the
/// whole run. Seeded per user, so a run's pauses repeat.
/// </summary>
internal sealed class ThinkTimes(TimeSpan mean, int seed)
{
    private const double CapInMeans = 5;
    private readonly Random _random = new(seed);

    public TimeSpan Next()
    {
        if (mean <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var draw = -Math.Log(1 - _random.NextDouble());
        return mean * Math.Min(draw, CapInMeans);
    }
}
