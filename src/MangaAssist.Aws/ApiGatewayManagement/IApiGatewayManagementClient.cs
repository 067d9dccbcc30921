namespace MangaAssist.Aws.ApiGatewayManagement;

/// <summary>The API Gateway Management API (<c>@connections</c>) of one WebSocket API stage.</summary>
public interface IApiGatewayManagementClient
{
    /// <summary>
    /// Sends <paramref name="data"/> as is to the client of <paramref name="connectionId"/>. Never throws for
    /// AWS or network failures: they come back as a <see cref="PostToConnectionResult"/>. Throws
    /// <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    ValueTask<PostToConnectionResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Connection details, or null when the connection is gone (410).</summary>
    /// <exception cref="ApiGatewayManagementException">Any other failure.</exception>
    ValueTask<ApiGatewayConnection?> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>Closes the connection. True when closed now, false when it was already gone (410).</summary>
    /// <exception cref="ApiGatewayManagementException">Any other failure.</exception>
    ValueTask<bool> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default);
}
