using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Resilience;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>
/// Turns why an answer failed into the error frame the client sees: a stable code, a sentence a
/// shopper's app can show, and whether (and when) trying again can help. Internal details stay in
/// the logs.
/// </summary>
public static class UpstreamErrorMapper
{
    public static ErrorFrame FromBedrock(BedrockException exception)
    {
        var retryAfterMs = exception.RetryAfter is { } hint ? (int)Math.Ceiling(hint.TotalMilliseconds) : (int?)null;
        return exception.Kind switch
        {
            BedrockErrorKind.Throttling or BedrockErrorKind.ServiceQuotaExceeded => new(
                ErrorCodes.Throttled, "The assistant is very busy right now. Please try again in a moment.", true, retryAfterMs ?? 2000),
            BedrockErrorKind.ServiceUnavailable or BedrockErrorKind.InternalServer or BedrockErrorKind.ModelNotReady => new(
                ErrorCodes.ModelUnavailable, "The assistant's model is temporarily unavailable. Please try again shortly.", true, retryAfterMs ?? 1000),
            BedrockErrorKind.ModelTimeout => new(
                ErrorCodes.ModelTimeout, "The model took too long to answer. Please try again.", true, retryAfterMs ?? 1000),
            BedrockErrorKind.ModelStreamError or BedrockErrorKind.ConnectionReset => new(
                ErrorCodes.StreamInterrupted, "The answer was interrupted before it was complete. Please try again.", true, retryAfterMs ?? 500),
            BedrockErrorKind.ModelError => new(
                ErrorCodes.ModelError, "The model could not process this request.", false),
            _ => new(
                ErrorCodes.UpstreamRejected, "The assistant could not answer this request because of a service configuration problem.", false),
        };
    }

    /// <summary>The terminal frame for an answer whose generation failed after every retry, continuation and fallback.</summary>
    public static ErrorFrame FromOutcome(AttemptOutcome outcome)
    {
        if (outcome.Result == AttemptResult.CircuitOpen)
        {
            var retryAfter = outcome.RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalMilliseconds) : 5000;
            return new(ErrorCodes.ModelUnavailable, "The assistant's model is temporarily unavailable. Please try again shortly.", true, Math.Max(retryAfter, 1));
        }

        if (outcome.Timeout is { } timeout)
        {
            return FromCancellation(timeout)!;
        }

        return FromBedrock(outcome.Failure!);
    }

    /// <summary>The terminal frame for an answer stopped by <paramref name="reason"/>, or null when the client cannot be reached.</summary>
    public static ErrorFrame? FromCancellation(CancelReason reason) => reason switch
    {
        CancelReason.ClientCancelled => new(ErrorCodes.Cancelled, "The request was cancelled.", false),
        CancelReason.FirstTokenTimeout or CancelReason.IdleTimeout => new(
            ErrorCodes.ModelTimeout, "The model stopped responding. Please try again.", true, 1000),
        CancelReason.TotalTimeout => new(
            ErrorCodes.ModelTimeout, "The answer took longer than this service allows and was stopped.", true, 1000),
        CancelReason.ShuttingDown => new(
            ErrorCodes.ServiceRestarting, "The service is restarting. Please send the request again.", true, 1000),
        _ => null,
    };

    public static ErrorFrame Internal() =>
        new(ErrorCodes.InternalError, "Something went wrong on our side. Please try again.", true, 1000);
}
