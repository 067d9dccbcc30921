namespace MangaAssist.SharedState.Internal;

/// <summary>
/// Wakes every waiter once per change. A reader takes <see cref="NextChange"/> before it looks at the
/// state, so a change between the look and the wait is never missed.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task NextChange => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
