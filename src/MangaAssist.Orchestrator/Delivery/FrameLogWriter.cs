using MangaAssist.SharedState.FrameLog;

namespace MangaAssist.Orchestrator.Delivery;

/// <summary>
/// Keeps a copy of every frame of one answer in the shared frame log, so a client that lost its
/// socket can <c>resume</c> on a new connection, from any instance. The log is an extra: when it
/// fails the answer goes on and only resuming becomes unavailable.
/// </summary>
public sealed class FrameLogWriter(IFrameLog log, string logKey)
{
    private bool _broken;

    public async Task AppendAsync(long seq, ReadOnlyMemory<byte> frame, bool isTerminal)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            var result = await log.AppendAsync(logKey, seq, frame, isTerminal);
            _broken = result is not (FrameAppendResult.Appended or FrameAppendResult.AlreadyAppended);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _broken = true;
        }
    }
}
