namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>Upper bounds on waits so a broken emulator fails a test instead of hanging it. Not timing assertions.</summary>
internal static class Guard
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Wait);

    public static Task Bounded(this Task task) => task.WaitAsync(Wait);

    public static CancellationToken Token() => new CancellationTokenSource(Wait).Token;
}
