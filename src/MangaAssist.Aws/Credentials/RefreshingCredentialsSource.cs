using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.Credentials;

/// <summary>
/// Caches resolved credentials and refreshes them in the background before they expire, so signing never
/// waits on the credential chain except for the very first request (or after credentials have truly expired).
/// </summary>
internal sealed class RefreshingCredentialsSource : IAwsCredentialsSource
{
    /// <summary>Start refreshing this long before expiry.</summary>
    internal static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    /// <summary>Credentials closer than this to expiry are not used at all.</summary>
    internal static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(30);

    /// <summary>Credentials without an expiry (keys from the environment or a profile) are re-read this often.</summary>
    internal static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(15);

    /// <summary>After a failed background refresh, wait this long before trying again.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(10);

    private readonly ICredentialsResolver _resolver;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile Snapshot? _current;
    private Task<Snapshot>? _refresh;
    private DateTimeOffset _nextBackgroundAttempt;
    private Task _lastRefresh = Task.CompletedTask;

    public RefreshingCredentialsSource(ICredentialsResolver resolver, TimeProvider time, ILogger<RefreshingCredentialsSource> logger)
    {
        _resolver = resolver;
        _time = time;
        _logger = logger;
    }

    /// <summary>The most recent refresh (for tests that need to wait until a background refresh has landed).</summary>
    internal Task LastRefresh => Volatile.Read(ref _lastRefresh);

    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var current = _current;
        if (current is not null && !current.IsUnusable(now))
        {
            if (current.RefreshAt <= now)
            {
                StartBackgroundRefresh(now);
            }

            return ValueTask.FromResult(current.Credentials);
        }

        return WaitForRefreshAsync(cancellationToken);
    }

    private async ValueTask<AwsCredentials> WaitForRefreshAsync(CancellationToken cancellationToken)
    {
        Task<Snapshot> refresh;
        lock (_gate)
        {
            refresh = _refresh ??= StartRefresh();
        }

        var snapshot = await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Credentials;
    }

    private void StartBackgroundRefresh(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_refresh is not null || now < _nextBackgroundAttempt)
            {
                return;
            }

            _nextBackgroundAttempt = now + RetryDelay;
            _refresh = StartRefresh();
        }
    }

    private Task<Snapshot> StartRefresh()
    {
        var refresh = RefreshAsync();
        // A background refresh may fail with nobody waiting; the failure is logged, so mark it observed.
        var observed = refresh.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Volatile.Write(ref _lastRefresh, observed);
        return refresh;
    }

    private async Task<Snapshot> RefreshAsync()
    {
        // Yield so that a caller starting a background refresh returns at once.
        await Task.Yield();
        try
        {
            var credentials = await _resolver.ResolveAsync(CancellationToken.None).ConfigureAwait(false);
            var snapshot = Snapshot.Create(credentials, _time.GetUtcNow());
            _current = snapshot;
            Log.CredentialsRefreshed(_logger, credentials.AccessKeyId.Length > 4 ? credentials.AccessKeyId[..4] : "****", credentials.Expiration);
            return snapshot;
        }
        catch (Exception exception)
        {
            Log.CredentialsRefreshFailed(_logger, exception);
            throw;
        }
        finally
        {
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }

    private sealed record Snapshot(AwsCredentials Credentials, DateTimeOffset RefreshAt, DateTimeOffset? UnusableAt)
    {
        public static Snapshot Create(AwsCredentials credentials, DateTimeOffset now)
        {
            if (credentials.Expiration is not { } expiration)
            {
                return new Snapshot(credentials, now + RereadInterval, null);
            }

            var refreshAt = expiration - RefreshAhead;
            return new Snapshot(credentials, refreshAt < now ? now : refreshAt, expiration - ExpiryMargin);
        }

        public bool IsUnusable(DateTimeOffset now) => UnusableAt is { } unusable && unusable <= now;
    }
}
