using System.Collections.Concurrent;

namespace MangaAssist.SharedState.Work;

/// <summary>Announcements inside this process: the in-memory queue has no other instance to tell.</summary>
internal sealed class InMemoryWorkAnnouncements : IWorkAnnouncements
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<Action>> _listeners = new(StringComparer.Ordinal);

    public Task AnnounceAsync(string queue, CancellationToken cancellationToken = default)
    {
        if (_listeners.TryGetValue(queue, out var listeners))
        {
            foreach (var listener in listeners)
            {
                listener();
            }
        }

        return Task.CompletedTask;
    }

    public Task ListenAsync(string queue, Action onNewWork, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onNewWork);
        _listeners.GetOrAdd(queue, static _ => []).Add(onNewWork);
        return Task.CompletedTask;
    }
}
