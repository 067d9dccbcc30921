using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Options;

/// <summary>Checks the streaming and delivery settings at start-up, reporting every problem at once.</summary>
public sealed class StreamingOptionsValidator : IValidateOptions<StreamingOptions>, IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamingOptions options)
    {
        var failures = new List<string>();
        if (options.FlushInterval < TimeSpan.FromMilliseconds(1) || options.FlushInterval > TimeSpan.FromSeconds(1))
        {
            failures.Add($"Streaming:FlushInterval must be between 1 ms and 1 s (was {options.FlushInterval}).");
        }

        if (options.FlushThresholdChars < 1)
        {
            failures.Add($"Streaming:FlushThresholdChars must be positive (was {options.FlushThresholdChars}).");
        }

        if (options.MaxFrameBytes is < 512 or > 32 * 1024)
        {
            failures.Add($"Streaming:MaxFrameBytes must be between 512 and 32768, API Gateway's frame limit (was {options.MaxFrameBytes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"Delivery:MaxAttempts must be between 1 and 10 (was {options.MaxAttempts}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromSeconds(5))
        {
            failures.Add($"Delivery:RetryBaseDelay must be between 0 and 5 s (was {options.RetryBaseDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
