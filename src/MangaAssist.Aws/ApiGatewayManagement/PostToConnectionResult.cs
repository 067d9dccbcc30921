namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>What happened to one posted message. Errors are values here: this runs for every streamed frame.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="StatusCode">HTTP status, or null when no answer came (network failure, timeout).</param>
/// <param name="RetryAfter">From a <c>Retry-After</c> header, when present.</param>
/// <param name="Message">AWS's error message or a description of the failure; null when delivered.</param>
/// <param name="AwsErrorType">AWS error type, for example <c>GoneException</c>.</param>
public readonly record struct PostToConnectionResult(
    PostToConnectionStatus Status,
    int? StatusCode,
    TimeSpan? RetryAfter = null,
    string? Message = null,
    string? AwsErrorType = null)
{
    /// <summary>True when <see cref="Status"/> is <see cref="PostToConnectionStatus.Delivered"/>.</summary>
    public bool IsDelivered => Status == PostToConnectionStatus.Delivered;
}
