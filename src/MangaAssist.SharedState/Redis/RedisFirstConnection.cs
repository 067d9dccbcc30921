using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Redis;

/// <summary>
/// The start-up wait for Redis. A task that starts before Redis answers (a busy host, a slow first TLS handshake)
/// would otherwise fail its first calls at once (fail-fast backlog), open the circuit and serve on local fallbacks
/// for a whole break, answering peers' shoppers as strangers. Until the first connection, or until
/// <c>Redis:StartupPatience</c> ends, calls wait for it instead, and readiness reports <c>Connecting</c>. A link that
/// reports itself connected can still refuse a command for a moment (the client finishing its handshake), and a task
/// starting beside others on a busy host can read a prompt reply too late (its thread pool busy with start-up work:
/// seen as a 500 ms timeout with the reply already in the socket). Until Redis has answered one call, such a refusal or
/// timeout within the patience is a reason to try again shortly, not an outage that opens the circuit. A timed-out
/// call may have run, so it can run twice: in those first seconds that is a claim pass, a group check or an
/// admission (a rate-limit permit charged twice, a second lease entry that a peer later finds ended and completes).
/// </summary>
internal sealed class RedisFirstConnection(TimeSpan patience, TimeProvider timeProvider)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly long _createdAt = timeProvider.GetTimestamp();
    private volatile bool _connected;
    private volatile bool _answered;

    /// <summary>Redis has not answered yet and the patience is not over.</summary>
    public bool Awaited => !_connected && timeProvider.GetElapsedTime(_createdAt) < patience;

    /// <summary>
    /// Warning for a failed connection, but Debug while the start-up patience lasts: a task's first connections may
    /// fail on a busy host (one of the client's two connections timing out while the other is up) and the client
    /// retries; an operator hears of Redis trouble that outlasts start-up, or from the circuit.
    /// </summary>
    public LogLevel FailureLogLevel => timeProvider.GetElapsedTime(_createdAt) < patience ? LogLevel.Debug : LogLevel.Warning;

    /// <summary>Redis has not answered a call yet and the patience is not over: a refused call is tried again.</summary>
    public bool Starting => !_answered && timeProvider.GetElapsedTime(_createdAt) < patience;

    public void MarkConnected() => _connected = true;

    public void MarkAnswered()
    {
        if (!_answered)
        {
            _answered = true;
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> once the multiplexer is connected (or the patience is over); while
    /// <see cref="Starting"/>, a refused or timed-out call is tried again after a short pause.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<ConnectionMultiplexer>> multiplexer, Func<ConnectionMultiplexer, Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var connection = await multiplexer();
            await WaitAsync(connection, cancellationToken);
            try
            {
                var answer = await call(connection);
                MarkAnswered();
                return answer;
            }
            catch (Exception ex) when (ex is RedisConnectionException or TimeoutException && Starting)
            {
                await Task.Delay(PollInterval, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Returns at once after the first connection; before it, waits while the patience lasts.</summary>
    public async ValueTask WaitAsync(ConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        if (_connected)
        {
            return;
        }

        while (!multiplexer.IsConnected && Awaited)
        {
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        if (multiplexer.IsConnected)
        {
            _connected = true;
        }
    }
}
