namespace MangaAssist.Orchestrator.Jobs;

/// <summary>Wakes this instance's idle worker when a job is submitted here, so it need not wait for its next poll.</summary>
public sealed class JobWakeup
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
