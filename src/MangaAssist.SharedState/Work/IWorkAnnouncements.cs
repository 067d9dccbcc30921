namespace MangaAssist.SharedState.Work;

/// <summary>
/// "New work on this queue", told to every instance, so idle takers wait for it instead of polling. A wake-up
/// only: announcements can be lost (pub/sub is at-most-once), so takers still look now and then.
/// </summary>
public interface IWorkAnnouncements
{
    /// <summary>Tells every listening instance that <paramref name="queue"/> has new work.</summary>
    Task AnnounceAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onNewWork"/> on every announcement for <paramref name="queue"/>; returns once listening.</summary>
    Task ListenAsync(string queue, Action onNewWork, CancellationToken cancellationToken = default);
}
