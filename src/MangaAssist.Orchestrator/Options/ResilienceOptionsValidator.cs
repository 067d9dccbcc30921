using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Options;

/// <summary>Checks the resilience and capacity settings at start-up, reporting every problem at once.</summary>
public sealed class ResilienceOptionsValidator : IValidateOptions<ResilienceOptions>, IValidateOptions<CapacityOptions>
{
    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        var failures = new List<string>();
        Range(failures, "Resilience:MaxAttempts", options.MaxAttempts, 1, 10);
        Range(failures, "Resilience:RetryBudgetMinimumPerSecond", options.RetryBudgetMinimumPerSecond, 0, 100_000);
        if (options.RetryBudgetRatio is < 0 or > 10)
        {
            failures.Add($"Resilience:RetryBudgetRatio must be between 0 and 10 (was {options.RetryBudgetRatio}).");
        }

        Duration(failures, "Resilience:RetryBudgetWindow", options.RetryBudgetWindow, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Range(failures, "Resilience:CircuitMinimumThroughput", options.CircuitMinimumThroughput, 2, 100_000);
        if (options.CircuitFailureRatio is <= 0 or > 1)
        {
            failures.Add($"Resilience:CircuitFailureRatio must be above 0 and at most 1 (was {options.CircuitFailureRatio}).");
        }

        Duration(failures, "Resilience:RetryBaseDelay", options.RetryBaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Duration(failures, "Resilience:RetryMaxDelay", options.RetryMaxDelay, options.RetryBaseDelay, TimeSpan.FromMinutes(5));
        Duration(failures, "Resilience:CircuitSamplingDuration", options.CircuitSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        Duration(failures, "Resilience:CircuitBreakDuration", options.CircuitBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1));
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, CapacityOptions options)
    {
        var failures = new List<string>();
        Range(failures, "Capacity:MaxConcurrentStreams", options.MaxConcurrentStreams, 1, 100_000);
        Range(failures, "Capacity:MaxQueuedRequests", options.MaxQueuedRequests, 0, 1_000_000);
        Duration(failures, "Capacity:MaxQueueWait", options.MaxQueueWait, TimeSpan.Zero, TimeSpan.FromSeconds(29));
        Duration(failures, "Capacity:BusyRetryAfter", options.BusyRetryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        return Result(failures);
    }

    private static void Range(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }

    private static void Duration(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max} (was {value}).");
        }
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
