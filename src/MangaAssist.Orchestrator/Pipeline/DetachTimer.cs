using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// The client left but may come back with <c>resume</c>: the answer goes on into the frame log for
/// the grace period, then the model is stopped.
/// </summary>
public static class DetachTimer
{
    /// <returns>Whether the answer may go on detached (false when there is no grace period).</returns>
    public static bool TryStart(ActiveRequest active, TimeSpan grace, TimeProvider timeProvider)
    {
        if (grace <= TimeSpan.Zero)
        {
            return false;
        }

        _ = timeProvider.CreateTimer(static state => ((ActiveRequest)state!).Cancel(CancelReason.ClientGone), active, grace, Timeout.InfiniteTimeSpan);
        return true;
    }
}
