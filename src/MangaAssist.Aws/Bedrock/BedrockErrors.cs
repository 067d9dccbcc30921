using MangaAssist.Aws.Http;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Maps AWS answers and transport failures to <see cref="BedrockException"/>.</summary>
internal static class BedrockErrors
{
    public static BedrockException FromHttp(AwsErrorResponse error)
    {
        var kind = KindOfErrorType(error.ErrorType) ?? KindOfStatus(error.StatusCode);
        var message = error.Message ?? $"Bedrock Runtime answered {error.StatusCode}{(error.ErrorType is null ? "" : " " + error.ErrorType)}.";
        return new BedrockException(kind, message, error.StatusCode, error.ErrorType, inStream: false, error.RetryAfter, error.RequestId);
    }

    /// <summary>An event-stream frame with <c>:message-type</c> exception (<c>:exception-type</c>) or error (<c>:error-code</c>).</summary>
    public static BedrockException FromStreamException(string exceptionType, string? message, string? requestId) =>
        new(
            KindOfErrorType(exceptionType) ?? BedrockErrorKind.Unknown,
            message ?? $"Bedrock Runtime sent {exceptionType} in the stream.",
            statusCode: null,
            exceptionType,
            inStream: true,
            retryAfter: null,
            requestId);

    public static BedrockException ConnectionReset(string message, bool inStream, string? requestId, Exception? inner) =>
        new(BedrockErrorKind.ConnectionReset, message, statusCode: null, awsErrorType: null, inStream, retryAfter: null, requestId, inner);

    public static BedrockException CorruptStream(string? requestId, Exception inner) =>
        new(BedrockErrorKind.Unknown, "Bedrock Runtime sent a corrupt event-stream frame: " + inner.Message, statusCode: null, awsErrorType: null, inStream: true, retryAfter: null, requestId, inner);

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
