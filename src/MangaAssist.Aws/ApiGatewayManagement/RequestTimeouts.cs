using System.Collections.Concurrent;

namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>
/// Per-request timeout tokens that are reused after each call (<see cref="CancellationTokenSource.TryReset"/>),
/// so a post of one frame does not allocate a fresh timer source.
/// </summary>
internal sealed class RequestTimeouts(TimeSpan timeout)
{
    private const int MaxPooled = 256;
    private readonly ConcurrentQueue<CancellationTokenSource> _pool = new();

    public TimeSpan Timeout { get; } = timeout;

    public CancellationTokenSource Rent()
    {
        if (!_pool.TryDequeue(out var source))
        {
            source = new CancellationTokenSource();
        }

        source.CancelAfter(Timeout);
        return source;
    }

    public void Return(CancellationTokenSource source)
    {
        if (_pool.Count < MaxPooled && source.TryReset())
        {
            _pool.Enqueue(source);
        }
        else
        {
            source.Dispose();
        }
    }
}
