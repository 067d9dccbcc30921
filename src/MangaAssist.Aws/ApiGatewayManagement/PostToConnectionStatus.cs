namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>Outcome of one PostToConnection call.</summary>
public enum PostToConnectionStatus
{
    /// <summary>2xx: API Gateway accepted the message for the connection.</summary>
    Delivered = 0,

    /// <summary>410 <c>GoneException</c>: the client has disconnected; stop producing for it.</summary>
    Gone,

    /// <summary>413 <c>PayloadTooLargeException</c>: the message is above the 128 KB limit.</summary>
    PayloadTooLarge,

    /// <summary>429 <c>LimitExceededException</c>: slow down (see <see cref="PostToConnectionResult.RetryAfter"/>).</summary>
    Throttled,

    /// <summary>403 <c>ForbiddenException</c> (or a rejected signature).</summary>
    Forbidden,

    /// <summary>Any other status (5xx included), a network failure or the per-request timeout.</summary>
    Failed,
}
