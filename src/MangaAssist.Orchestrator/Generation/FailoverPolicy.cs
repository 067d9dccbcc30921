using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// After a failed call: the same model again, or the next one of the route's chain. A transient error
/// (500, 503, a model not ready, a reset before the headers, a 429 whose hint is short) or a broken stream
/// is worth <see cref="ResilienceOptions.SameModelRetries"/> more tries on the same model, waiting out its
/// hint; a throttle without a short hint, a quota, an open circuit, a silent or stalled model hand over at once.
/// </summary>
public sealed class FailoverPolicy(IOptions<ResilienceOptions> options)
{
    /// <summary>Whether the next call should go to the next model of the chain.</summary>
    /// <param name="retriesOnModel">Retries already made on the failed call's model for this answer.</param>
    public bool SwitchesModel(AttemptOutcome failed, int retriesOnModel)
    {
        if (failed.Result == AttemptResult.CircuitOpen || failed.IsTimeout)
        {
            // A silent model (no first token) or a stalled one is likelier to stall again than the next one.
            return true;
        }

        if (failed.Failure?.Kind is BedrockErrorKind.ServiceQuotaExceeded
            || (failed.Failure?.Kind == BedrockErrorKind.Throttling && !HasShortHint(failed)))
        {
            return true;
        }

        return retriesOnModel >= options.Value.SameModelRetries;
    }

    private bool HasShortHint(AttemptOutcome failed) =>
        failed.RetryAfter is { } hint && hint > TimeSpan.Zero && hint <= options.Value.MaxRetryAfterHint;
}
