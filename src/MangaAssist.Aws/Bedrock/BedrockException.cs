namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// The one exception the Bedrock Runtime clients raise (besides <see cref="OperationCanceledException"/>).
/// </summary>
public sealed class BedrockException : Exception
{
    private const string TooManyConnectionsText = "Too many connections";

    /// <summary>Creates an exception; resilience code and tests can build the same values the client raises.</summary>
    /// <param name="kind">What went wrong.</param>
    /// <param name="message">AWS's message, or a description of the transport failure.</param>
    /// <param name="statusCode">HTTP status of the answer; null for failures inside the stream or of the connection.</param>
    /// <param name="awsErrorType">AWS error shape name as sent (for example <c>ThrottlingException</c> or <c>modelStreamErrorException</c>).</param>
    /// <param name="inStream">True when the failure came after the response stream had started.</param>
    /// <param name="retryAfter">Server-requested wait, from <c>Retry-After</c>.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call.</param>
    /// <param name="innerException">The transport exception behind a <see cref="BedrockErrorKind.ConnectionReset"/>.</param>
    public BedrockException(
        BedrockErrorKind kind,
        string message,
        int? statusCode = null,
        string? awsErrorType = null,
        bool inStream = false,
        TimeSpan? retryAfter = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        AwsErrorType = awsErrorType;
        InStream = inStream;
        RetryAfter = retryAfter;
        RequestId = requestId;
        IsTooManyConnections = statusCode is 500 or 503 && message.Contains(TooManyConnectionsText, StringComparison.OrdinalIgnoreCase);
        IsRetryable = kind switch
        {
            BedrockErrorKind.Throttling or BedrockErrorKind.ServiceUnavailable or BedrockErrorKind.InternalServer
                or BedrockErrorKind.ModelNotReady or BedrockErrorKind.ModelTimeout or BedrockErrorKind.ModelStreamError
                or BedrockErrorKind.ConnectionReset or BedrockErrorKind.StreamTruncated or BedrockErrorKind.MalformedEvent => true,
            BedrockErrorKind.Unknown => statusCode is null ? inStream : statusCode >= 500 || statusCode == 429,
            _ => false,
        };
    }

    /// <summary>What went wrong.</summary>
    public BedrockErrorKind Kind { get; }

    /// <summary>HTTP status, when the call failed before the stream started.</summary>
    public int? StatusCode { get; }

    /// <summary>AWS error type, for example <c>ThrottlingException</c>.</summary>
    public string? AwsErrorType { get; }

    /// <summary>True when a retry (with backoff) may succeed.</summary>
    public bool IsRetryable { get; }

    /// <summary>True when the failure happened after the stream had started (some text may already have been delivered).</summary>
    public bool InStream { get; }

    /// <summary>The 500/503 "Too many connections, please wait before trying again." answer.</summary>
    public bool IsTooManyConnections { get; }

    /// <summary>From a <c>Retry-After</c> header, when present.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the call.</summary>
    public string? RequestId { get; }
}
