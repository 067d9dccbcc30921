namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>The idle timeout (reset by every client message) and the maximum connection duration of one connection.</summary>
internal sealed class ConnectionTimers : IDisposable
{
    private readonly TimeSpan _idleTimeout;
    private readonly ITimer _idle;
    private readonly ITimer _lifetime;

    public ConnectionTimers(GatewayConnection connection, TimeSpan idleTimeout, TimeSpan maxDuration, TimeProvider timeProvider)
    {
        _idleTimeout = idleTimeout;
        _idle = timeProvider.CreateTimer(
            static state => ((GatewayConnection)state!).RequestClose(DisconnectStatus.Idle),
            connection, idleTimeout, Timeout.InfiniteTimeSpan);
        _lifetime = timeProvider.CreateTimer(
            static state => ((GatewayConnection)state!).RequestClose(DisconnectStatus.LifetimeExceeded),
            connection, maxDuration, Timeout.InfiniteTimeSpan);
    }

    public void ClientWasActive() => _idle.Change(_idleTimeout, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        _idle.Dispose();
        _lifetime.Dispose();
    }
}
