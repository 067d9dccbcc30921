using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Jobs;
using MangaAssist.SharedState.Shoppers;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// <c>forget</c> and <c>DELETE /v1/me/data</c>: stops the principal's answers in progress, here and (through an
/// announcement) on every other instance, so none writes memory or frames after the erase; waits for this
/// instance's to end, then deletes everything the principal owns in shared state, on Redis and in this process.
/// A second sweep shortly after removes what answers stopped on other instances wrote on their way out. Resume
/// tickets (which hold the question) go with the rest: an orphaned answer whose ticket is gone is not taken over.
/// </summary>
public sealed class ShopperDataForgetter(
    ChatRequestRegistry registry, IShopperDataEraser eraser, IJobStore jobs, IForgetAnnouncements announcements, TimeProvider time, ILogger<ShopperDataForgetter> logger)
{
    /// <summary>When the second sweep runs: answers stopped on other instances have written their last frame by then.</summary>
    public static readonly TimeSpan SecondSweepDelay = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for stopped answers to write their last frame before the erase.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    /// <summary>How the <c>forgotten</c> frame and the REST answer name deleted analysis jobs.</summary>
    public const string AnalysesWireName = "analyses";

    /// <summary>Wire names of the kinds of data, as the <c>forgotten</c> frame and the REST answer report them.</summary>
    public static string WireName(string kind) => kind switch
    {
        ShopperKeys.MemoryKind => "memory",
        ShopperKeys.FrameLogKind => "frameLogs",
        ShopperKeys.TicketKind => "tickets",
        _ => kind,
    };

    /// <exception cref="MangaAssist.SharedState.Redis.SharedStateUnavailableException">Redis could not be reached; nothing is reported as deleted.</exception>
    public async Task<ForgetResult> ForgetAsync(ShopperPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        // This instance's answers first, so they are counted here; the announcement then reaches its own listener too,
        // which finds nothing left to stop (announcing first let that listener stop them uncounted).
        var cancelled = registry.CancelPrincipal(principal.Id, CancelReason.ClientCancelled);
        await AnnounceAsync(principal);
        var started = time.GetTimestamp();
        while (registry.HasActive(principal.Id) && time.GetElapsedTime(started) < StopWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }

        var erased = await eraser.EraseAsync(principal.Id, cancellationToken);
        var deleted = erased.DeletedByKind.ToDictionary(e => WireName(e.Key), e => e.Value, StringComparer.Ordinal);
        // Job records hold the question and a small result's text; a job still running stops at its next heartbeat.
        deleted[AnalysesWireName] = await jobs.EraseOwnerAsync(principal.Id, cancellationToken);
        Log.Forgotten(logger, principal.Id, erased.Total + deleted[AnalysesWireName], cancelled);
        _ = SweepAgainAsync(principal.Id);
        return new ForgetResult(deleted, cancelled);
    }

    private async Task AnnounceAsync(ShopperPrincipal principal)
    {
        try
        {
            await announcements.AnnounceAsync(principal.Id, CancellationToken.None);
        }
        catch (MangaAssist.SharedState.Redis.SharedStateUnavailableException exception)
        {
            // The erase below needs Redis too and will report the failure; this instance still stops its own answers.
            Log.ForgetFailed(logger, principal.Id, exception.GetType().Name);
        }
    }

    private async Task SweepAgainAsync(string principalId)
    {
        try
        {
            await Task.Delay(SecondSweepDelay, time);
            await eraser.EraseAsync(principalId, CancellationToken.None);
            await jobs.EraseOwnerAsync(principalId, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.ForgetFailed(logger, principalId, exception.GetType().Name);
        }
    }
}

/// <summary>What <c>forget</c> did: items deleted by kind (<c>memory</c>, <c>frameLogs</c>, <c>analyses</c>) and answers stopped.</summary>
public sealed record ForgetResult(IReadOnlyDictionary<string, int> Deleted, int Cancelled);
