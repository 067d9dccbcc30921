using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>How one call to one model ended. Errors on this path are values, not exceptions.</summary>
public sealed record AttemptOutcome(string Model, AttemptResult Result, BedrockException? Failure = null, CancelReason? Timeout = null, TimeSpan? RetryAfter = null)
{
    public static AttemptOutcome Completed(string model) => new(model, AttemptResult.Completed);

    public static AttemptOutcome Failed(string model, BedrockException failure) => new(model, AttemptResult.Failed, failure, RetryAfter: failure.RetryAfter);

    public static AttemptOutcome TimedOut(string model, CancelReason reason) => new(model, AttemptResult.Failed, Timeout: reason);

    public static AttemptOutcome ContinuationMismatch(string model) => new(model, AttemptResult.ContinuationMismatch);

    public static AttemptOutcome GuardrailIntervened(string model) => new(model, AttemptResult.GuardrailIntervened);

    public static AttemptOutcome ContentFiltered(string model) => new(model, AttemptResult.ContentFiltered);

    public static AttemptOutcome Truncated(string model) => new(model, AttemptResult.Truncated);

    public static AttemptOutcome CircuitOpen(string model, TimeSpan? retryAfter) => new(model, AttemptResult.CircuitOpen, RetryAfter: retryAfter);

    public bool IsTimeout => Timeout is not null;

    /// <summary>Whether another call (same model, continued, or the next model) may succeed.</summary>
    public bool IsRetryable => Result switch
    {
        AttemptResult.Completed or AttemptResult.ContinuationMismatch or AttemptResult.GuardrailIntervened
            or AttemptResult.ContentFiltered or AttemptResult.Truncated => false,
        AttemptResult.CircuitOpen => true,
        _ => IsTimeout || Failure!.IsRetryable || IsBrokenStream,
    };

    /// <summary>A stream that ended before its end event or carried an event that did not decode: continued like a reset.</summary>
    public bool IsBrokenStream => Failure?.Kind is BedrockErrorKind.StreamTruncated or BedrockErrorKind.MalformedEvent;

    /// <summary>Whether this says something about the model's health (and so counts for its circuit).</summary>
    public bool CountsAgainstModel => Result == AttemptResult.Failed && (IsTimeout || Failure!.Kind is
        BedrockErrorKind.Throttling or BedrockErrorKind.ServiceUnavailable or BedrockErrorKind.InternalServer
        or BedrockErrorKind.ModelNotReady or BedrockErrorKind.ModelTimeout or BedrockErrorKind.ServiceQuotaExceeded
        or BedrockErrorKind.ModelStreamError or BedrockErrorKind.ConnectionReset or BedrockErrorKind.StreamTruncated
        or BedrockErrorKind.MalformedEvent);

    /// <summary>A short reason for logs, metrics and trace events.</summary>
    public string Reason => Result switch
    {
        AttemptResult.Completed => "completed",
        AttemptResult.CircuitOpen => "circuit_open",
        AttemptResult.ContinuationMismatch => "continuation_mismatch",
        AttemptResult.GuardrailIntervened => "guardrail_intervened",
        AttemptResult.ContentFiltered => "content_filtered",
        AttemptResult.Truncated => "truncated",
        _ when Timeout is { } timeout => timeout.ToString(),
        _ => Failure!.IsTooManyConnections ? "TooManyConnections" : Failure.Kind.ToString(),
    };
}
