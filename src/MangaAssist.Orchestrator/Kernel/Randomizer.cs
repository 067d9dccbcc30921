namespace MangaAssist.Orchestrator.Kernel;

/// <summary>
/// The service's source of randomness for backoff jitter. It is injected like
/// <see cref="TimeProvider"/> (Polly's style) so a test can fix it and assert exact delays.
/// </summary>
/// <param name="nextDouble">Returns a value in [0, 1).</param>
public sealed class Randomizer(Func<double> nextDouble)
{
    /// <summary>The production randomizer: thread-safe, shared by every stream.</summary>
    public Randomizer()
        : this(Random.Shared.NextDouble)
    {
    }

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => nextDouble();
}
