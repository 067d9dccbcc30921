using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.Spend;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>
/// Admit: the shared limits first (<c>rate_limited</c>), then a free model stream, waiting in the
/// bounded queue at most (<c>busy</c>); guarded routes also wait while the spend breaker is open
/// (<c>spend_limited</c>): this instance's meter or the fleet's spend window above the cap. A refused answer gets
/// its error frame here.
/// </summary>
public sealed class AdmitStage(
    RequestLimits limits, StreamAdmission capacity, ResilienceTelemetry telemetry, ILogger<AdmitStage> logger, SpendMeter? spend = null, SpendTelemetry? spendTelemetry = null, IOptions<SpendBreakerOptions>? spendBreaker = null,
    ISpendWindow? fleetSpend = null)
{
    public async Task<Admission> AdmitAsync(Answer answer)
    {
        // With a stream free now and no spend breaker on the route, nothing can refuse the answer after its limits: the
        // admission's round trip logs its start frame too (no write of its own), and the slot is given back if limited.
        var start = SpendMayRefuse(answer.Request.Route) ? null : answer.Stream.StartToLog(answer.Request.Profile.ModelId);
        var early = start is null ? null : capacity.TryEnterAtOnce();
        answer.StartToLog = early is null ? null : start;
        LimitExceeded? limited;
        try
        {
            using (ChatTelemetry.ActivitySource.StartActivity("rate_limit"))
            {
                limited = await limits.CheckAsync(answer, FleetGuards(answer.Request.Route));
            }
        }
        catch
        {
            early?.Dispose();
            throw;
        }

        if (limited is not null)
        {
            early?.Dispose();
            await answer.Stream.SendErrorAsync(ErrorCatalog.RateLimited(limited.Scope, limited.RetryAfter), CancellationToken.None);
            return new Admission(null, AnswerOutcome.RateLimited);
        }

        if (spend?.Refuses(answer.Request.Route) == true || await FleetRefusesAsync(answer))
        {
            early?.Dispose();
            // The spend breaker: costly routes wait for the minute's spend to fall; chats keep flowing.
            spendTelemetry?.RecordRefused(answer.Request.Route);
            await answer.Stream.SendErrorAsync(ErrorCatalog.SpendLimited(spendBreaker?.Value.RetryAfter ?? TimeSpan.FromSeconds(30)), CancellationToken.None);
            return new Admission(null, AnswerOutcome.Busy);
        }

        if (early is not null)
        {
            return new Admission(capacity.Entered(early), AnswerOutcome.Completed);
        }

        StreamEntry entry;
        try
        {
            entry = await capacity.EnterAsync(answer.Token);
        }
        catch (OperationCanceledException) when (answer.Token.IsCancellationRequested)
        {
            return new Admission(null, await answer.StopAsync());
        }

        if (entry.Lease is null)
        {
            telemetry.RecordBusy(entry.Refusal!);
            Log.Busy(logger, answer.Request.ConnectionId, answer.Request.RequestId, entry.Refusal!, capacity.InFlight, capacity.Queued);
            await answer.Stream.SendErrorAsync(ErrorCatalog.Busy(entry.RetryAfter), CancellationToken.None);
            return new Admission(null, AnswerOutcome.Busy);
        }

        return new Admission(entry.Lease, AnswerOutcome.Completed);
    }

    /// <summary>Whether the fleet-wide spend of the last minute is above the cap for a guarded route.</summary>
    private async Task<bool> FleetRefusesAsync(Answer answer)
    {
        if (!FleetGuards(answer.Request.Route))
        {
            return false;
        }

        // Admission may have read it already, in the rate limits' round trip.
        return (answer.PrefetchedFleetSpend ?? await fleetSpend!.LastMinuteAsync(answer.Token)) > spendBreaker!.Value.PerMinuteCap;
    }

    private bool SpendMayRefuse(string route) =>
        spendBreaker?.Value is { } settings ? settings.PerMinuteCap > 0 && settings.Guards(route) : spend is not null || fleetSpend is not null;

    private bool FleetGuards(string route) =>
        fleetSpend is not null && spendBreaker?.Value is { PerMinuteCap: > 0 } settings && settings.Guards(route);
}
