using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Configuration;
using MangaAssist.Emulators.ApiGateway.Diagnostics;
using MangaAssist.Emulators.ApiGateway.Integration;
using MangaAssist.Emulators.ApiGateway.Kernel;
using MangaAssist.Emulators.ApiGateway.Routing;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>
/// The life of an accepted connection: read client messages (enforcing the size and idle limits), hand each to the
/// dispatcher without waiting for it, and once the socket closes send <c>$disconnect</c> exactly once.
/// </summary>
internal sealed class ConnectionSession(
    ConnectionRegistry registry,
    MessageDispatcher dispatcher,
    RouteTable routes,
    IntegrationClient integration,
    IOptions<ApiGatewayEmulatorOptions> options,
    GatewayStats stats,
    TimeProvider timeProvider,
    ILogger<ConnectionSession> logger)
{
    private const int ReceiveChunkBytes = 4096;

    private readonly ApiGatewayEmulatorOptions _options = options.Value;

    /// <summary>Registers the connection (postable from now on), accepts the upgrade, and runs until the socket closes.</summary>
    public async Task RunAsync(GatewayConnection connection, Func<Task<WebSocket>> acceptUpgrade)
    {
        using (var timers = new ConnectionTimers(connection, _options.IdleTimeout, _options.MaxConnectionDuration, timeProvider))
        {
            registry.TryAdd(connection);
            stats.ConnectionOpened();
            Log.ConnectionOpened(logger, connection.Id, connection.Info.SourceIp);
            if (await TryAcceptAsync(connection, acceptUpgrade))
            {
                await ReceiveUntilClosedAsync(connection, timers);
            }
        }

        await connection.DisposeAsync();
        registry.Remove(connection);
        stats.ConnectionClosed();
        var status = connection.CloseStatus ?? DisconnectStatus.Abnormal;
        Log.ConnectionClosed(logger, connection.Id, status.Code, status.Reason);
        await SendDisconnectAsync(connection.Info, status);
    }

    private static async Task<bool> TryAcceptAsync(GatewayConnection connection, Func<Task<WebSocket>> acceptUpgrade)
    {
        try
        {
            connection.Attach(await acceptUpgrade());
            return true;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The client left before the 101 response reached it.
            connection.RequestClose(DisconnectStatus.Abnormal);
            return false;
        }
    }

    private async Task ReceiveUntilClosedAsync(GatewayConnection connection, ConnectionTimers timers)
    {
        var socket = connection.Socket;
        var chunk = ArrayPool<byte>.Shared.Rent(ReceiveChunkBytes);
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        var discardingUntilEndOfMessage = false;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), connection.Aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.RequestClose(ClientCloseStatus(socket));
                    return;
                }

                if (connection.CloseStatus is not null || discardingUntilEndOfMessage)
                {
                    discardingUntilEndOfMessage = !result.EndOfMessage;
                    continue;
                }

                if (message.WrittenCount + result.Count > _options.MaxMessageBytes)
                {
                    stats.MessageTooBig();
                    Log.MessageTooBig(logger, connection.Id, _options.MaxMessageBytes);
                    connection.RequestClose(DisconnectStatus.MessageTooBig);
                    message.ResetWrittenCount();
                    discardingUntilEndOfMessage = !result.EndOfMessage;
                    continue;
                }

                message.Write(chunk.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var body = message.WrittenSpan.ToArray();
                message.ResetWrittenCount();
                timers.ClientWasActive();
                connection.MarkActive();
                stats.MessageReceived();
                _ = dispatcher.DispatchAsync(connection, body);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            connection.RequestClose(DisconnectStatus.Abnormal);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static DisconnectStatus ClientCloseStatus(WebSocket socket) => socket.CloseStatus is { } code
        ? new DisconnectStatus((int)code, socket.CloseStatusDescription ?? "")
        : DisconnectStatus.NoStatus;

    private async Task SendDisconnectAsync(ConnectionDetails info, DisconnectStatus status)
    {
        if (routes.Disconnect is not { } route)
        {
            return;
        }

        var request = new IntegrationRequest(route, EventType.Disconnect, AwsStyleId.New(), info, ReadOnlyMemory<byte>.Empty)
        {
            ExtraHeaders =
            [
                new(IntegrationHeaders.DisconnectStatusCode, status.Code.ToString(CultureInfo.InvariantCulture)),
                new(IntegrationHeaders.DisconnectReason, status.Reason),
            ],
        };
        await integration.SendAsync(request, CancellationToken.None);
    }
}
