using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// An answer in progress: its cancellation and the reason for it. Cancelling is idempotent and
/// the first reason is kept, so a timeout that races a client cancel is reported once, truly.
/// </summary>
/// <param name="principalId">Whose answer it is, so <c>forget</c> can stop it; null for work no shopper owns.</param>
public sealed class ActiveRequest(string connectionId, string requestId, string? principalId = null) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private int _reason;

    public string ConnectionId { get; } = connectionId;

    public string RequestId { get; } = requestId;

    public string? PrincipalId { get; } = principalId;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>
    /// The first seq this task posts (0, or the frame log's next seq for an answer taken over from a task that died).
    /// The frames before it were logged by that task, which may have died before posting the last of them; a
    /// <c>resume</c> on this connection may ask for them (see <see cref="ResumeRunner.FillSeamAsync"/>).
    /// </summary>
    public long PostsFromSeq { get; set; }

    public CancelReason Reason => (CancelReason)Volatile.Read(ref _reason);

    public void Cancel(CancelReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)CancelReason.None) == (int)CancelReason.None)
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The answer already finished; nothing to stop.
            }
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
