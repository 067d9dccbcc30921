using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Faults;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Faults that break the connection rather than answer: stalls, and drops before any response header.</summary>
internal static class ConnectionFaults
{
    /// <summary>Holds the connection silent until the client leaves or <paramref name="maxStallMs"/> passes.</summary>
    public static async Task HoldSilentAsync(HttpContext context, TimeProvider time, int maxStallMs)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(maxStallMs), time, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up on the silent connection, which is what a stall is for.
        }
    }

    /// <summary>
    /// <c>reset-before-headers</c> drops the connection at once, <c>silent</c> after holding it; nothing has been
    /// written, so aborting loses no flushed bytes and the client sees no status line at all.
    /// </summary>
    public static async Task<StreamOutcome> DropBeforeHeadersAsync(HttpContext context, FaultKind kind, TimeProvider time, int maxStallMs)
    {
        if (kind == FaultKind.Silent)
        {
            await HoldSilentAsync(context, time, maxStallMs);
        }

        context.Abort();
        return kind == FaultKind.Silent ? StreamOutcome.Stalled : StreamOutcome.Reset;
    }
}
