using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Jobs;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// Streams a job's frames to one connection: those after <c>afterSeq</c> from its frame log, then the live tail,
/// whichever instance runs the job, until the terminal frame. The job does not depend on it: when the socket
/// goes, only the following stops. A <c>cancel</c> from the socket cancels the job, whose <c>cancelled</c> frame
/// then ends the stream.
/// </summary>
public sealed class JobFollower(IFrameLog frameLog, FramePoster poster, FrameStreamFactory streams, AnalysisJobs jobs, IJobStore store, TimeProvider timeProvider)
{
    /// <summary>How long a follower waits for a queued job's first frame before it gives up.</summary>
    public static readonly TimeSpan FirstFramePatience = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan NotFoundRetry = TimeSpan.FromMilliseconds(25);

    public async Task FollowAsync(string connectionId, ShopperPrincipal principal, JobRecord job, long afterSeq, ActiveRequest active)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(active);
        using var reading = new CancellationTokenSource();
        using var onCancel = active.Token.Register(() => _ = StopOrCancelAsync(principal, job.Id, active, reading));
        var lastSeq = afterSeq;
        var waitedSince = timeProvider.GetTimestamp();
        while (!reading.IsCancellationRequested)
        {
            var (failure, ended) = await PostAsync(connectionId, job, lastSeq, seq => lastSeq = seq, reading.Token);
            if (ended || failure is null || reading.IsCancellationRequested)
            {
                return;
            }

            if (failure == FrameLogReadFailure.NotFound && timeProvider.GetElapsedTime(waitedSince) < FirstFramePatience
                && (await store.FindAsync(job.Id, CancellationToken.None))?.IsTerminal != true)
            {
                // Queued: the log starts with the job's first frame, on whichever instance takes it.
                await Task.Delay(NotFoundRetry, timeProvider, reading.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            await streams.ForRefusal(connectionId, job.RequestId, firstSeq: lastSeq + 1)
                .SendErrorAsync(ErrorCatalog.ResumeUnavailable(failure.Value), CancellationToken.None);
            return;
        }
    }

    /// <returns>The read failure, if any, and whether following ended (terminal frame posted, or the client gone).</returns>
    private async Task<(FrameLogReadFailure? Failure, bool Ended)> PostAsync(
        string connectionId, JobRecord job, long afterSeq, Action<long> delivered, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in frameLog.ReadAfterAsync(AnalysisJobRunner.FrameLogKeyOf(job), afterSeq, cancellationToken))
            {
                if (await poster.PostAsync(connectionId, frame.Frame, job.RequestId, frame.Seq, CancellationToken.None) != DeliveryResult.Delivered)
                {
                    return (null, true);
                }

                delivered(frame.Seq);
                if (frame.IsTerminal)
                {
                    return (null, true);
                }
            }

            return (FrameLogReadFailure.Incomplete, false);
        }
        catch (FrameLogReadException failure)
        {
            return (failure.Failure, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, true);
        }
    }

    /// <summary>A client's cancel cancels the job and keeps following for its terminal frame; anything else only stops following.</summary>
    private async Task StopOrCancelAsync(ShopperPrincipal principal, string jobId, ActiveRequest active, CancellationTokenSource reading)
    {
        try
        {
            if (active.Reason == CancelReason.ClientCancelled)
            {
                await jobs.CancelAsync(principal, jobId, CancellationToken.None);
                return;
            }
        }
        catch (MangaAssist.SharedState.Redis.SharedStateUnavailableException)
        {
            // The job can't be reached: at least stop following it.
        }

        try
        {
            reading.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Following had ended already.
        }
    }
}
