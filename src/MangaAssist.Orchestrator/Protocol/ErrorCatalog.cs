using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;

namespace MangaAssist.Orchestrator.Protocol;

/// <summary>
/// Every error frame the service sends, made from the reason it is sent: a stable code, a sentence
/// a shopper's app can show, and whether (and when) trying again can help. Policies hand in
/// reasons; only this class knows wording and retry hints. Internal details stay in the logs.
/// </summary>
public static class ErrorCatalog
{
    /// <summary>A client message that failed validation: the client can fix it, so retrying as-is cannot help.</summary>
    public static ErrorFrame InvalidMessage(ProtocolError error) => new(error.Code, error.Message, Retryable: false);

    public static ErrorFrame UnknownRequest(string requestId) => new(ErrorCodes.UnknownRequest,
        $"No request \"{requestId}\" was sent on this connection, so there is nothing to cancel.", Retryable: false);

    /// <summary>A route call on a connection without a principal: reconnecting with a valid token is the only remedy.</summary>
    public static ErrorFrame Unauthorized { get; } = new(ErrorCodes.Unauthorized,
        "This connection is not signed in (or its sign-in expired). Connect again with a valid token.", Retryable: false);

    /// <summary>The answer to <c>forget</c> when shared state could not be reached: nothing can be promised deleted.</summary>
    public static ErrorFrame ForgetUnavailable { get; } = new(ErrorCodes.ForgetUnavailable,
        "Your data could not be deleted right now. Please try again.", Retryable: true, RetryAfterMs: 5000);

    /// <summary>
    /// <c>analyze</c> or <c>attach</c> when the shared job queue could not be reached: analyses run from it, so none can
    /// be started or followed until it is back; nothing was queued.
    /// </summary>
    public static ErrorFrame AnalysisUnavailable { get; } = new(ErrorCodes.AnalysisUnavailable,
        "Deep analyses cannot be started or followed right now. Please try again in a moment.", Retryable: true, RetryAfterMs: 5000);

    public static ErrorFrame RateLimited(RateLimitScope scope, TimeSpan retryAfter)
    {
        var what = scope switch
        {
            RateLimitScope.ConnectionMessages => "messages on this connection",
            RateLimitScope.UserOutputTokens or RateLimitScope.GuestOutputTokens => "answer length",
            RateLimitScope.UserSpend or RateLimitScope.GuestSpend => "answer spending",
            _ => "messages",
        };
        return new(ErrorCodes.RateLimited, $"Too many requests: the limit on {what} was reached. Please wait before asking again.", true,
            (int)Math.Max(1, Math.Ceiling(retryAfter.TotalMilliseconds)));
    }

    public static ErrorFrame Busy(TimeSpan retryAfter) => new(ErrorCodes.Busy,
        "MangaAssist is handling too many questions right now. Please try again in a moment.", true, (int)retryAfter.TotalMilliseconds);

    public static ErrorFrame SpendLimited(TimeSpan retryAfter) => new(ErrorCodes.SpendLimited,
        "Deep analysis is paused for a moment because of high demand. Quick questions still work; please try the analysis again shortly.", true, (int)retryAfter.TotalMilliseconds);

    public static ErrorFrame ClientGone { get; } = new(ErrorCodes.ClientGone,
        "The connection was lost before the answer was complete. Please ask again.", Retryable: true, RetryAfterMs: 0);

    public static ErrorFrame Internal { get; } = new(ErrorCodes.InternalError, "Something went wrong on our side. Please try again.", true, 1000);

    /// <summary>The resume's terminal frame when the frame log cannot give the rest of the answer.</summary>
    public static ErrorFrame ResumeUnavailable(FrameLogReadFailure failure) => failure switch
    {
        FrameLogReadFailure.NotFound => new(ErrorCodes.ResumeUnavailable, "There is no answer to resume for this request: it is unknown or expired.", false),
        FrameLogReadFailure.Unavailable => new(ErrorCodes.ResumeUnavailable, "Resuming is unavailable right now. Please ask again.", true, 1000),
        _ => new(ErrorCodes.ResumeUnavailable, "The rest of this answer can no longer be resumed. Please ask again.", true, 1000),
    };

    /// <summary>The terminal frame for an answer stopped by <paramref name="reason"/>, or null when the client cannot be reached.</summary>
    public static ErrorFrame? ForCancellation(CancelReason reason) => reason switch
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

    /// <summary>The terminal frame for an answer whose generation failed after every retry, continuation and fallback.</summary>
    public static ErrorFrame ForModelFailure(AttemptOutcome outcome)
    {
        if (outcome.Result == AttemptResult.CircuitOpen)
        {
            var retryAfter = outcome.RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalMilliseconds) : 5000;
            return new(ErrorCodes.ModelUnavailable, "The assistant's model is temporarily unavailable. Please try again shortly.", true, Math.Max(retryAfter, 1));
        }

        if (outcome.Result == AttemptResult.ContinuationMismatch)
        {
            // Never a silent done: the client keeps the text it has, marked partial by the stream.
            return new(ErrorCodes.StreamInterrupted, "The answer was interrupted and could not be continued exactly. Please try again.", true, 500);
        }

        if (outcome.Result == AttemptResult.GuardrailIntervened)
        {
            return new(ErrorCodes.GuardrailIntervened, "The answer was stopped by the store's content policy.", Retryable: false);
        }

        if (outcome.Result == AttemptResult.ContentFiltered)
        {
            // The model's own filter, not the store's guardrail: asking the same again will be refused again.
            return new(ErrorCodes.ContentFiltered, "The answer was stopped by the model's content filter. Please rephrase the question.", Retryable: false);
        }

        if (outcome.Result == AttemptResult.Truncated)
        {
            return new(ErrorCodes.StreamInterrupted, "The answer was cut short before it was complete. Please try again.", true, 500);
        }

        if (outcome.Timeout is { } timeout)
        {
            return ForCancellation(timeout)!;
        }

        return FromBedrock(outcome.Failure!);
    }

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
            BedrockErrorKind.ModelStreamError or BedrockErrorKind.ConnectionReset or BedrockErrorKind.StreamTruncated
                or BedrockErrorKind.MalformedEvent => new(
                ErrorCodes.StreamInterrupted, "The answer was interrupted before it was complete. Please try again.", true, retryAfterMs ?? 500),
            BedrockErrorKind.InputTooLong => new(
                ErrorCodes.InputTooLong, "This conversation is too long for the assistant to read at once. Please start a new conversation or ask a shorter question.", false),
            BedrockErrorKind.ModelError => new(
                ErrorCodes.ModelError, "The model could not process this request.", false),
            _ => new(
                ErrorCodes.UpstreamRejected, "The assistant could not answer this request because of a service configuration problem.", false),
        };
    }
}
