using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Work;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// Runs one leased analysis job to its end: continues from what its frame log already holds (a take-over after
/// an instance died continues the text exactly, as a broken stream is continued), writes its frames to that log,
/// renews the lease while it runs, and ends the job once. Stopped by a lost lease or a shutdown, it leaves
/// without a terminal frame, for the next runner.
/// </summary>
public sealed class AnalysisJobRunner(
    IJobStore jobs,
    IWorkQueue queue,
    IFrameLog frameLog,
    ConversationMemory memory,
    AnswerContextBuilder grounding,
    ResilientAnswerGenerator generator,
    JobResults results,
    RunningJobs running,
    JobCharges charges,
    IOptions<ChatRoutesOptions> routes,
    IOptions<StreamingOptions> streaming,
    FlushPace pace,
    IOptions<AnalysesOptions> options,
    TimeProvider timeProvider,
    ILogger<AnalysisJobRunner> logger)
{
    public async Task RunAsync(WorkLease lease, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var job = await jobs.StartAsync(lease.WorkId, stopping);
        if (job is null)
        {
            // Ended already (a late duplicate delivery) or expired: nothing left to do.
            await queue.CompleteAsync(lease, CancellationToken.None);
            return;
        }

        using var run = running.Add(job.Id, stopping);
        try
        {
            await RunAsync(job, lease, run);
        }
        catch (Exception exception) when (run.Reason != JobStop.None)
        {
            Log.JobLeft(logger, job.Id, run.Reason);
            _ = exception;
        }
        catch (Exception exception)
        {
            Log.JobCrashed(logger, job.Id, exception);
            await EndAsync(job, lease, new JobOutcome(JobStatus.Failed) { ErrorCode = ErrorCodes.InternalError, ErrorMessage = ErrorCatalog.Internal.Message }, run);
        }
        finally
        {
            running.Remove(run);
        }
    }

    private async Task RunAsync(JobRecord job, WorkLease lease, RunningJob run)
    {
        var logKey = FrameLogKeyOf(job);
        var snapshot = await JobFrameSnapshot.ReadAsync(frameLog, logKey, timeProvider, run.Token);
        Log.JobStarted(logger, job.Id, job.Attempts, lease.Reclaimed, snapshot.Text.Length, snapshot.NextSeq);
        if (snapshot.TerminalType is not null)
        {
            // The last runner wrote the terminal frame but died before recording the end: record it from the log.
            await EndAsync(job, lease, await OutcomeOfLogAsync(job, snapshot, run), run);
            return;
        }

        var frames = new JobFrameWriter(frameLog, logKey, job.RequestId, job.Id, snapshot.NextSeq, streaming.Value.MaxFrameBytes);
        if (job.CancelRequested || job.Attempts > options.Value.MaxAttempts)
        {
            var error = job.CancelRequested ? ErrorCatalog.ForCancellation(CancelReason.ClientCancelled)! : ErrorCatalog.Internal;
            await EndWithErrorAsync(job, lease, frames, error, job.CancelRequested ? JobStatus.Cancelled : JobStatus.Failed, snapshot.Text.Length > 0, run);
            return;
        }

        run.AddProgress(job.ProgressTokens);
        using var heartbeat = timeProvider.CreateTimer(static state => _ = ((Func<Task>)state!)(), (Func<Task>)(() => BeatAsync(job, lease, run)), options.Value.HeartbeatInterval, options.Value.HeartbeatInterval);
        var profile = routes.Value.Analyze;
        var request = new ChatRequest("", job.RequestId, job.SessionId, job.Message, ClientActions.Analyze, profile, new ShopperPrincipal(job.OwnerId));
        if (snapshot.NextSeq == 0 && !await frames.StartAsync(profile.ModelId))
        {
            run.Stop(JobStop.LeaseLost);
            return;
        }

        var history = await memory.ReadAsync(request, run.Token);
        var context = await grounding.BuildAsync(request, history, run.Token);
        var coalescer = pace.CreateCoalescer();
        var pump = coalescer.PumpAsync(async (text, _) => await frames.DeltaAsync(text) ? Kernel.DeliveryResult.Delivered : Kernel.DeliveryResult.Failed, CancellationToken.None);
        GenerationResult result;
        try
        {
            result = await generator.GenerateAsync(context.Prompt, profile, text =>
            {
                run.AddProgress(1);
                coalescer.Append(text);
            }, run.Token, snapshot.Text, job.Message, ClientActions.Analyze, pace.ReadPacingFor(coalescer));
        }
        catch (OperationCanceledException) when (run.Reason == JobStop.Cancelled)
        {
            await StopPumpAsync(coalescer, pump);
            await EndWithErrorAsync(job, lease, frames, ErrorCatalog.ForCancellation(CancelReason.ClientCancelled)!, JobStatus.Cancelled, frames.NextSeq > 1, run);
            return;
        }
        finally
        {
            await StopPumpAsync(coalescer, pump);
        }

        if (frames.Fenced)
        {
            run.Stop(JobStop.LeaseLost);
            return;
        }

        if (run.Reason == JobStop.Cancelled)
        {
            await EndWithErrorAsync(job, lease, frames, ErrorCatalog.ForCancellation(CancelReason.ClientCancelled)!, JobStatus.Cancelled, frames.NextSeq > 1, run);
            return;
        }

        run.Token.ThrowIfCancellationRequested();
        if (!result.Completed)
        {
            var error = result.Outcome is { } outcome ? ErrorCatalog.ForModelFailure(outcome) : ErrorCatalog.Internal;
            await EndWithErrorAsync(job, lease, frames, error, JobStatus.Failed, result.Text.Length > 0, run);
            return;
        }

        await charges.ChargeAsync(request, result.Usage);
        var citations = Pipeline.Sources.ModelSource.Cite(result.Text, context);
        if (await frames.CitationsAsync(citations) && await frames.DoneAsync(result.StopReason!, result.Usage, result.Model))
        {
            await EndAsync(job, lease, await results.StoreAsync(job, result.Text, run.ProgressTokens, citations, CancellationToken.None), run);
            await memory.RememberAsync(request, result.Text);
        }
    }

    /// <summary>Delivers what the model produced before anything else is written: the terminal frame must never race a delta.</summary>
    private static async Task StopPumpAsync(DeltaCoalescer coalescer, Task<Kernel.DeliveryResult> pump)
    {
        coalescer.Complete();
        await pump;
    }

    private async Task<JobOutcome> OutcomeOfLogAsync(JobRecord job, JobFrameSnapshot snapshot, RunningJob run) => snapshot.TerminalType == "done"
        ? await results.StoreAsync(job, snapshot.Text, run.ProgressTokens, snapshot.Citations, CancellationToken.None)
        : new JobOutcome(snapshot.ErrorCode == ErrorCodes.Cancelled ? JobStatus.Cancelled : JobStatus.Failed) { ErrorCode = snapshot.ErrorCode };

    private async Task EndWithErrorAsync(JobRecord job, WorkLease lease, JobFrameWriter frames, ErrorFrame error, JobStatus status, bool partial, RunningJob run)
    {
        if (await frames.ErrorAsync(error, partial))
        {
            await EndAsync(job, lease, new JobOutcome(status) { ErrorCode = error.Code, ErrorMessage = error.Message, ProgressTokens = run.ProgressTokens }, run);
        }
    }

    private async Task EndAsync(JobRecord job, WorkLease lease, JobOutcome outcome, RunningJob run)
    {
        var ended = await jobs.FinishAsync(job.Id, outcome with { ProgressTokens = Math.Max(outcome.ProgressTokens, run.ProgressTokens) }, CancellationToken.None);
        await queue.CompleteAsync(lease, CancellationToken.None);
        Log.JobEnded(logger, job.Id, ended ? outcome.Status.ToString() : "already", outcome.ErrorCode);
    }

    /// <summary>Renews the lease and reports progress; a lost lease or an asked cancel stops the run.</summary>
    private async Task BeatAsync(JobRecord job, WorkLease lease, RunningJob run)
    {
        try
        {
            if (!await queue.RenewAsync(lease, run.Token))
            {
                run.Stop(JobStop.LeaseLost);
                return;
            }

            if (await jobs.ReportProgressAsync(job.Id, run.ProgressTokens, run.Token))
            {
                run.Stop(JobStop.Cancelled);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or MangaAssist.SharedState.Redis.SharedStateUnavailableException)
        {
            // The next beat tries again; a lease lost meanwhile is noticed then, or by the frame log's fence.
        }
    }

    /// <summary>The frame log of a job: kept with its owner's data (so forgetting a shopper forgets it too).</summary>
    public static string FrameLogKeyOf(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ShopperKeys.FrameLog(job.OwnerId, job.SessionId, job.RequestId);
    }
}
