using MangaAssist.Aws.Http;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Maps AWS answers and transport failures to <see cref="BedrockException"/>.</summary>
internal static class BedrockErrors
{
    /// <summary>Wordings of Bedrock and the model providers for a prompt over the context window, matched case-insensitively.</summary>
    private static readonly string[] InputTooLongPhrases = ["input is too long", "too many input tokens", "prompt is too long"];

    public static BedrockException FromHttp(AwsErrorResponse error)
    {
        var kind = Refine(KindOfErrorType(error.ErrorType) ?? KindOfStatus(error.StatusCode), error.Message);
        var message = error.Message ?? $"Bedrock Runtime answered {error.StatusCode}{(error.ErrorType is null ? "" : " " + error.ErrorType)}.";
        return new BedrockException(kind, message, error.StatusCode, error.ErrorType, inStream: false, error.RetryAfter, error.RequestId);
    }

    /// <summary>An event-stream frame with <c>:message-type</c> exception (<c>:exception-type</c>) or error (<c>:error-code</c>).</summary>
    public static BedrockException FromStreamException(string exceptionType, string? message, string? requestId) =>
        new(
            Refine(KindOfErrorType(exceptionType) ?? BedrockErrorKind.Unknown, message),
            message ?? $"Bedrock Runtime sent {exceptionType} in the stream.",
            statusCode: null,
            exceptionType,
            inStream: true,
            retryAfter: null,
            requestId);

    public static BedrockException ConnectionReset(string message, bool inStream, string? requestId, Exception? inner) =>
        new(BedrockErrorKind.ConnectionReset, message, statusCode: null, awsErrorType: null, inStream, retryAfter: null, requestId, inner);

    public static BedrockException CorruptStream(string? requestId, Exception inner) =>
        new(BedrockErrorKind.MalformedEvent, "Bedrock Runtime sent a corrupt event-stream frame: " + inner.Message, statusCode: null, awsErrorType: null, inStream: true, retryAfter: null, requestId, inner);

    public static BedrockException Truncated(string message, string? requestId, Exception? inner) =>
        new(BedrockErrorKind.StreamTruncated, message, statusCode: null, awsErrorType: null, inStream: true, retryAfter: null, requestId, inner);

    /// <summary>A stream that stopped for the context window before saying anything: the prompt itself was too long.</summary>
    public static BedrockException ContextWindowExceeded(string? requestId) =>
        new(BedrockErrorKind.InputTooLong, "The model stopped with model_context_window_exceeded before any output: the input is too long.", statusCode: null, awsErrorType: null, inStream: true, retryAfter: null, requestId);

    /// <summary>A validation error that says the input is too long is a kind of its own: a retry of the same prompt cannot help.</summary>
    private static BedrockErrorKind Refine(BedrockErrorKind kind, string? message) =>
        kind == BedrockErrorKind.Validation && message is not null
            && InputTooLongPhrases.Any(phrase => message.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            ? BedrockErrorKind.InputTooLong
            : kind;

    /// <summary>Shape names match case-insensitively: HTTP errors are PascalCase, stream frames camelCase.</summary>
    internal static BedrockErrorKind? KindOfErrorType(string? errorType) => errorType?.ToUpperInvariant() switch
    {
        "THROTTLINGEXCEPTION" => BedrockErrorKind.Throttling,
        "SERVICEUNAVAILABLEEXCEPTION" => BedrockErrorKind.ServiceUnavailable,
        "INTERNALSERVEREXCEPTION" => BedrockErrorKind.InternalServer,
        "MODELNOTREADYEXCEPTION" => BedrockErrorKind.ModelNotReady,
        "MODELTIMEOUTEXCEPTION" => BedrockErrorKind.ModelTimeout,
        "MODELERROREXCEPTION" => BedrockErrorKind.ModelError,
        "VALIDATIONEXCEPTION" => BedrockErrorKind.Validation,
        "ACCESSDENIEDEXCEPTION" => BedrockErrorKind.AccessDenied,
        "RESOURCENOTFOUNDEXCEPTION" => BedrockErrorKind.ResourceNotFound,
        "SERVICEQUOTAEXCEEDEDEXCEPTION" => BedrockErrorKind.ServiceQuotaExceeded,
        "MODELSTREAMERROREXCEPTION" => BedrockErrorKind.ModelStreamError,
        _ => null,
    };

    internal static BedrockErrorKind KindOfStatus(int statusCode) => statusCode switch
    {
        400 => BedrockErrorKind.Validation,
        403 => BedrockErrorKind.AccessDenied,
        404 => BedrockErrorKind.ResourceNotFound,
        408 => BedrockErrorKind.ModelTimeout,
        424 => BedrockErrorKind.ModelError,
        429 => BedrockErrorKind.Throttling,
        500 => BedrockErrorKind.InternalServer,
        503 => BedrockErrorKind.ServiceUnavailable,
        _ => BedrockErrorKind.Unknown,
    };
}
