using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// The socket's <c>analyze</c> as a job: admitted like a chat answer (limits, spend breaker: refusals are the same
/// error frames), then submitted to the shared queue with the client's requestId, and its frames followed to the
/// socket. The job outlives the socket and this instance; <c>attach</c> follows a job from another connection.
/// </summary>
public sealed class SocketAnalyses(
    AdmitStage admit, AnalysisJobs jobs, JobFollower follower, FrameStreamFactory streams, ChatRequestRegistry registry,
    IOptions<ChatRoutesOptions> routes, TimeProvider timeProvider, ILogger<SocketAnalyses> logger) : IJobIntake
{
    public async Task RunAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, ActiveRequest active, System.Diagnostics.ActivityContext traceParent)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(active);
        try
        {
            var request = new ChatRequest(connectionId, message.RequestId, message.SessionId!, message.Message!, ClientActions.Analyze, routes.Value.Analyze, principal, traceParent);
            var answer = new Answer(request, active, streams.ForRefusal(connectionId, message.RequestId), timeProvider.GetTimestamp());
            MangaAssist.SharedState.Jobs.JobRecord job;
            using (var admission = await admit.AdmitAsync(answer))
            {
                if (!admission.Admitted)
                {
                    return;
                }

                // The request id names the job's frame log, so a plain resume works for it as for any answer.
                (job, _) = await jobs.SubmitAsync(principal, request.SessionId, request.Message, "socket:" + request.SessionId + ":" + request.RequestId, request.RequestId, CancellationToken.None);
            }

            await follower.FollowAsync(connectionId, principal, job, -1, active);
        }
        catch (SharedStateUnavailableException)
        {
            await streams.ForRefusal(connectionId, message.RequestId).SendErrorAsync(ErrorCatalog.AnalysisUnavailable, CancellationToken.None);
        }
        catch (Exception exception)
        {
            Log.JobCrashed(logger, message.RequestId, exception);
        }
        finally
        {
            registry.End(active);
        }
    }

    /// <summary><c>attach</c>: the frames of the principal's job <c>requestId</c> after <c>afterSeq</c>, then its live tail.</summary>
    public async Task AttachAsync(string connectionId, ShopperPrincipal principal, ClientMessage message, ActiveRequest active)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(active);
        try
        {
            if (await jobs.FindAsync(principal, message.RequestId, CancellationToken.None) is not { } job)
            {
                await streams.ForRefusal(connectionId, message.RequestId).SendErrorAsync(ErrorCatalog.UnknownRequest(message.RequestId), CancellationToken.None);
                return;
            }

            await follower.FollowAsync(connectionId, principal, job, message.AfterSeq ?? -1, active);
        }
        catch (SharedStateUnavailableException)
        {
            await streams.ForRefusal(connectionId, message.RequestId).SendErrorAsync(ErrorCatalog.AnalysisUnavailable, CancellationToken.None);
        }
        finally
        {
            registry.End(active);
        }
    }
}
