namespace MangaAssist.Orchestrator.Jobs;

/// <summary>One job running on this instance: its cancellation and why it was stopped.</summary>
public sealed class RunningJob : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private int _reason;

    public RunningJob(string jobId, CancellationToken stopping)
    {
        JobId = jobId;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public string JobId { get; }

    public CancellationToken Token => _cancellation.Token;

    public JobStop Reason => (JobStop)Volatile.Read(ref _reason) is var reason && reason == JobStop.None && Token.IsCancellationRequested
        ? JobStop.ShuttingDown
        : (JobStop)Volatile.Read(ref _reason);

    private long _progressTokens;

    /// <summary>Output tokens produced so far, including those of runs before this one.</summary>
    public long ProgressTokens => Interlocked.Read(ref _progressTokens);

    public void AddProgress(long tokens) => Interlocked.Add(ref _progressTokens, tokens);

    public void Stop(JobStop reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)JobStop.None) == (int)JobStop.None)
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already finished.
            }
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
