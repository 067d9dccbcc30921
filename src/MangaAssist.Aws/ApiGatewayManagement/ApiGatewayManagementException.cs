namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>A GetConnection or DeleteConnection call failed for a reason other than the connection being gone.</summary>
public sealed class ApiGatewayManagementException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The failure, classified like PostToConnection results.</param>
    /// <param name="message">AWS's message or a description of the failure.</param>
    /// <param name="statusCode">HTTP status, or null when no answer came.</param>
    /// <param name="awsErrorType">AWS error type, for example <c>LimitExceededException</c>.</param>
    /// <param name="retryAfter">From a <c>Retry-After</c> header.</param>
    /// <param name="innerException">The transport failure, if any.</param>
    public ApiGatewayManagementException(PostToConnectionStatus status, string message, int? statusCode = null, string? awsErrorType = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        StatusCode = statusCode;
        AwsErrorType = awsErrorType;
        RetryAfter = retryAfter;
    }

    /// <summary>The failure, classified like PostToConnection results.</summary>
    public PostToConnectionStatus Status { get; }

    /// <summary>HTTP status, or null when no answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>AWS error type.</summary>
    public string? AwsErrorType { get; }

    /// <summary>From a <c>Retry-After</c> header.</summary>
    public TimeSpan? RetryAfter { get; }
}
