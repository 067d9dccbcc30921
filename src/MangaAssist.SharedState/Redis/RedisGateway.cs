using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Redis;

/// <summary>
/// The one multiplexer of the process, and the only way capabilities reach it: every call is bounded by the
/// client's own <c>AsyncTimeout</c> and goes through one circuit breaker, so a slow or absent Redis costs
/// callers at most one timeout before they fail fast.
/// </summary>
internal sealed class RedisGateway : ISharedStateHealth, IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly SharedStateTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly RedisConnectionAnnouncer? _announcer;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _connectTimeout;
    private readonly RedisFirstConnection _firstConnection;
    private readonly Lock _connectLock = new();
    private Task<ConnectionMultiplexer>? _connecting;
    private long _unavailableCalls;
    private bool _disposed;

    public RedisGateway(RedisConnectionOptions options, SharedStateTelemetry telemetry, ILogger<RedisGateway> logger, TimeProvider timeProvider, RedisConnectionAnnouncer? announcer = null)
    {
        _announcer = announcer;
        _timeProvider = timeProvider;
        _connectTimeout = options.ConnectTimeout;
        _firstConnection = new RedisFirstConnection(options.StartupPatience, timeProvider);
        _telemetry = telemetry;
        _logger = logger;
        _configuration = ConfigurationOptions.Parse(options.Configuration!);
        _configuration.AbortOnConnectFail = false;
        _configuration.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
        _configuration.ConnectRetry = 1;
        _configuration.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
        _configuration.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;

        // The client checks timeouts once per heartbeat (1 s by default); a quarter of the timeout keeps a
        // frozen Redis's calls failing within 1.25 × OperationTimeout instead of up to OperationTimeout + 1 s.
        _configuration.HeartbeatInterval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, options.OperationTimeout.Ticks / 4));

        // Without a connection, fail at once (the circuit and the local fallbacks take over) instead of
        // queueing each call until its timeout, which would make every call during an outage cost a timeout.
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        KeyPrefix = options.KeyPrefix;

        var breaker = options.CircuitBreaker;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                StateProvider = _circuit,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsUnavailability),
                OnOpened = args =>
                {
                    Log.CircuitOpened(_logger, args.BreakDuration, args.Outcome.Exception);
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    Log.CircuitHalfOpened(_logger);
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(_logger);
                    return default;
                },
            })
            .Build();
        telemetry.ObserveCircuit(() => (int)_circuit.CircuitState);
        Log.UsingRedis(logger, _configuration.EndPoints);
    }

    public string KeyPrefix { get; }

    public SharedStateStatus Status =>
        _circuit.CircuitState == CircuitState.Closed && _connecting is { IsCompletedSuccessfully: true } connecting && connecting.Result.IsConnected
            ? SharedStateStatus.Available
            : _firstConnection.Awaited ? SharedStateStatus.Connecting : SharedStateStatus.Unavailable;

    internal CircuitState CircuitState => _circuit.CircuitState;

    /// <summary>Calls that Redis could not serve since start.</summary>
    internal long UnavailableCalls => Interlocked.Read(ref _unavailableCalls);

    /// <summary>Starts connecting without waiting; the first call would otherwise pay for the connect.</summary>
    public void StartConnecting() => _ = ObserveFailure(GetMultiplexer());

    /// <summary>Runs one Redis call; throws <see cref="SharedStateUnavailableException"/> when Redis can't serve it.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await _pipeline.ExecuteAsync(
                async ct => await _firstConnection.RunAsync(() => GetMultiplexer().WaitAsync(ct), m => Cancellable(call(m.GetDatabase()), ct), ct),
                cancellationToken);
            _telemetry.RecordCall(operation, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (BrokenCircuitException ex)
        {
            Interlocked.Increment(ref _unavailableCalls);
            _telemetry.RecordFailure(operation, "circuit_open");
            throw new SharedStateUnavailableException($"Redis circuit is open; {operation} was not attempted.", ex);
        }
        catch (Exception ex) when (IsUnavailability(ex) && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TimeoutException or RedisTimeoutException ? "timeout" : "connection";
            Interlocked.Increment(ref _unavailableCalls);
            _telemetry.RecordFailure(operation, reason);
            Log.CallFailed(_logger, operation, reason, ex);
            throw new SharedStateUnavailableException($"Redis could not serve {operation} ({reason}).", ex);
        }
    }

    public Task SubscribeAsync(RedisChannel channel, Action<RedisChannel, RedisValue> handler, CancellationToken cancellationToken) =>
        RunSubscriberAsync("subscribe", subscriber => subscriber.SubscribeAsync(channel, handler), cancellationToken);

    /// <summary>Best effort: a failed unsubscribe only leaves a handler that the multiplexer drops on reconnect or dispose.</summary>
    public void Unsubscribe(RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        if (_disposed || _connecting is not { IsCompletedSuccessfully: true } connecting)
        {
            return;
        }

        try
        {
            _ = ObserveFailure(connecting.Result.GetSubscriber().UnsubscribeAsync(channel, handler, CommandFlags.FireAndForget));
        }
        catch (Exception ex) when (IsUnavailability(ex) || ex is ObjectDisposedException)
        {
            Log.CallFailed(_logger, "unsubscribe", "connection", ex);
        }
    }

    private Task<bool> RunSubscriberAsync(string operation, Func<ISubscriber, Task> call, CancellationToken cancellationToken) =>
        RunAsync(
            operation,
            async _ =>
            {
                var multiplexer = await GetMultiplexer();
                var subscriber = multiplexer.GetSubscriber();
                await WhenSubscriptionLinkUpAsync(multiplexer, subscriber, cancellationToken);
                await call(subscriber);
                return true;
            },
            cancellationToken);

    // The multiplexer counts as connected once its command link is up; its pub/sub link can follow a moment later
    // (seen on a loaded CI machine), and with the fail-fast backlog a SUBSCRIBE in that moment fails at once.
    // Waits only while the command link is up, so an outage still fails fast.
    private async Task WhenSubscriptionLinkUpAsync(ConnectionMultiplexer multiplexer, ISubscriber subscriber, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        while (!subscriber.IsConnected() && multiplexer.IsConnected && _timeProvider.GetElapsedTime(started) < _connectTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _timeProvider, cancellationToken);
        }
    }

    // Commands take no CancellationToken; a cancelled caller stops waiting, and the call still ends by its timeout.
    private static async Task<T> Cancellable<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (!call.IsCompleted)
        {
            _ = ObserveFailure(call);
            throw;
        }
    }

    private Task<ConnectionMultiplexer> GetMultiplexer()
    {
        var connecting = Volatile.Read(ref _connecting);
        if (connecting is not null && !connecting.IsFaulted && !connecting.IsCanceled)
        {
            return connecting;
        }

        lock (_connectLock)
        {
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = ConnectAsync();
            }

            return _connecting;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration);
        multiplexer.ConnectionFailed += (_, e) => Log.ConnectionFailed(_logger, _firstConnection.FailureLogLevel, e.FailureType, e.EndPoint, e.Exception);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            _firstConnection.MarkConnected();
            Log.ConnectionRestored(_logger, e.EndPoint);
        };
        if (multiplexer.IsConnected)
        {
            _firstConnection.MarkConnected();
        }
        _announcer?.Announce(multiplexer);
        return multiplexer;
    }

    private static async Task ObserveFailure(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Already counted where it mattered; this only keeps the task observed.
        }
    }

    internal static bool IsUnavailability(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException or TimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal)
            || server.Message.StartsWith("READONLY", StringComparison.Ordinal)
            || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
            || server.Message.StartsWith("BUSY", StringComparison.Ordinal),
        _ => false,
    };

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_connecting is { IsCompletedSuccessfully: true } connecting)
        {
            connecting.Result.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var connecting = _connecting;
        if (connecting is not null)
        {
            try
            {
                var multiplexer = await connecting;
                await multiplexer.CloseAsync(allowCommandsToComplete: false);
                multiplexer.Dispose();
            }
            catch (Exception ex) when (IsUnavailability(ex))
            {
                Log.CallFailed(_logger, "close", "connection", ex);
            }
        }
    }
}
