using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using System.Threading.RateLimiting;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Admit: the shared limits first (<c>rate_limited</c>), then a free model stream, waiting in the
/// bounded queue at most (<c>busy</c>). A refused answer gets its error frame here.
/// </summary>
public sealed class AdmitStage(RequestLimits limits, StreamAdmission capacity, ResilienceTelemetry telemetry, ILogger<AdmitStage> logger)
{
    public async Task<Admission> AdmitAsync(Answer answer)
    {
        LimitExceeded? limited;
        using (ChatTelemetry.ActivitySource.StartActivity("rate_limit"))
        {
            limited = await limits.CheckAsync(answer.Request, answer.Token);
        }

        if (limited is not null)
        {
            await answer.Stream.SendErrorAsync(ErrorCatalog.RateLimited(limited.Scope, limited.RetryAfter), CancellationToken.None);
            return new Admission(null, AnswerOutcome.RateLimited);
        }

        RateLimitLease? lease;
        string? refusal;
        try
        {
            (lease, refusal) = await capacity.EnterAsync(answer.Token);
        }
        catch (OperationCanceledException) when (answer.Token.IsCancellationRequested)
        {
            return new Admission(null, await answer.StopAsync());
        }

        if (lease is null)
        {
            telemetry.RecordBusy(refusal!);
            Log.Busy(logger, answer.Request.ConnectionId, answer.Request.RequestId, refusal!, capacity.InFlight, capacity.Queued);
            await answer.Stream.SendErrorAsync(ErrorCatalog.Busy(capacity.BusyRetryAfter), CancellationToken.None);
            return new Admission(null, AnswerOutcome.Busy);
        }

        return new Admission(lease, AnswerOutcome.Completed);
    }
}
