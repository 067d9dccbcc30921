namespace MangaAssist.SharedState.Shoppers;

/// <summary>
/// Tells every instance that a shopper asked to be forgotten, so each stops that shopper's answers it is
/// running (they would otherwise write memory and frames again after the erase).
/// </summary>
public interface IForgetAnnouncements
{
    /// <exception cref="Redis.SharedStateUnavailableException">Redis could not carry the announcement.</exception>
    Task AnnounceAsync(string ownerId, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onForget"/> with the owner id of every announcement (this instance's own too).</summary>
    Task ListenAsync(Action<string> onForget, CancellationToken cancellationToken = default);
}

/// <summary>One process: the instance that forgets is the only one, and it stops its answers itself.</summary>
internal sealed class LocalForgetAnnouncements : IForgetAnnouncements
{
    public Task AnnounceAsync(string ownerId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ListenAsync(Action<string> onForget, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
