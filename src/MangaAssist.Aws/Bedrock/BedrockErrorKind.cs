namespace MangaAssist.Aws.Bedrock;

/// <summary>What went wrong in a Bedrock Runtime call.</summary>
public enum BedrockErrorKind
{
    /// <summary>Anything not listed below (an undocumented status or error type, a corrupt event-stream frame).</summary>
    Unknown = 0,

    /// <summary>429 <c>ThrottlingException</c>, or a <c>throttlingException</c> frame in the stream.</summary>
    Throttling,

    /// <summary>503 <c>ServiceUnavailableException</c> (including "Too many connections").</summary>
    ServiceUnavailable,

    /// <summary>500 <c>InternalServerException</c> (including "Too many connections").</summary>
    InternalServer,

    /// <summary>429 <c>ModelNotReadyException</c>: the model is being loaded.</summary>
    ModelNotReady,

    /// <summary>408 <c>ModelTimeoutException</c>.</summary>
    ModelTimeout,

    /// <summary>424 <c>ModelErrorException</c>: the model failed on this input.</summary>
    ModelError,

    /// <summary>400 <c>ValidationException</c>.</summary>
    Validation,

    /// <summary>403 <c>AccessDeniedException</c> (or a signature the service rejected).</summary>
    AccessDenied,

    /// <summary>404 <c>ResourceNotFoundException</c>: unknown model id.</summary>
    ResourceNotFound,

    /// <summary>429 <c>ServiceQuotaExceededException</c>.</summary>
    ServiceQuotaExceeded,

    /// <summary>A <c>modelStreamErrorException</c> frame in the stream.</summary>
    ModelStreamError,

    /// <summary>The connection broke or the response body ended before <c>messageStop</c>.</summary>
    ConnectionReset,

    /// <summary>400 <c>ValidationException</c> saying the input is longer than the model's context window.</summary>
    InputTooLong,

    /// <summary>The response body ended cleanly but before <c>messageStop</c>: the answer is cut, not finished.</summary>
    StreamTruncated,

    /// <summary>An event-stream message failed to decode (CRC, headers or JSON): the stream is broken.</summary>
    MalformedEvent,
}
