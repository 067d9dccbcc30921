using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Shoppers;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>
/// <c>forget</c> and <c>DELETE /v1/me/data</c>: stops the principal's answers in progress on this instance
/// (so none writes memory or frames after the erase), waits for them to end, then deletes everything the
/// principal owns in shared state, on Redis and in this process.
/// </summary>
public sealed class ShopperDataForgetter(ChatRequestRegistry registry, IShopperDataEraser eraser, TimeProvider time, ILogger<ShopperDataForgetter> logger)
{
    /// <summary>Longest wait for stopped answers to write their last frame before the erase.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    /// <summary>Wire names of the kinds of data, as the <c>forgotten</c> frame and the REST answer report them.</summary>
    public static string WireName(string kind) => kind switch
    {
        ShopperKeys.MemoryKind => "memory",
        ShopperKeys.FrameLogKind => "frameLogs",
        _ => kind,
    };

    /// <exception cref="MangaAssist.SharedState.Redis.SharedStateUnavailableException">Redis could not be reached; nothing is reported as deleted.</exception>
    public async Task<ForgetResult> ForgetAsync(ShopperPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var cancelled = registry.CancelPrincipal(principal.Id, CancelReason.ClientCancelled);
        var started = time.GetTimestamp();
        while (registry.HasActive(principal.Id) && time.GetElapsedTime(started) < StopWait)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken);
        }

        var erased = await eraser.EraseAsync(principal.Id, cancellationToken);
        var deleted = erased.DeletedByKind.ToDictionary(e => WireName(e.Key), e => e.Value, StringComparer.Ordinal);
        Log.Forgotten(logger, principal.Id, erased.Total, cancelled);
        return new ForgetResult(deleted, cancelled);
    }
}

/// <summary>What <c>forget</c> did: items deleted by kind (<c>memory</c>, <c>frameLogs</c>) and answers stopped.</summary>
public sealed record ForgetResult(IReadOnlyDictionary<string, int> Deleted, int Cancelled);
