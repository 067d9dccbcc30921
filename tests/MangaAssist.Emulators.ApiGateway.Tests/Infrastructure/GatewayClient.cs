using System.Net.WebSockets;
using System.Text;

namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>A real <see cref="ClientWebSocket"/> connected to the emulator, with its connection id.</summary>
internal sealed class GatewayClient(ClientWebSocket socket, string connectionId) : IAsyncDisposable
{
    public ClientWebSocket Socket { get; } = socket;

    public string ConnectionId { get; } = connectionId;

    public Task SendTextAsync(string text) => SendBytesAsync(Encoding.UTF8.GetBytes(text));

    public Task SendBytesAsync(byte[] bytes) =>
        Socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, Guard.Token());

    /// <summary>The next whole message (all its frames), as text.</summary>
    public async Task<string> ReceiveTextAsync()
    {
        var (type, bytes) = await ReceiveMessageAsync();
        if (type == WebSocketMessageType.Close)
        {
            throw new InvalidOperationException($"Expected a message but the gateway closed the socket: {Socket.CloseStatus} {Socket.CloseStatusDescription}");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads until the gateway's close frame, answers it, and returns its status and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync()
    {
        while (true)
        {
            var (type, _) = await ReceiveMessageAsync();
            if (type == WebSocketMessageType.Close)
            {
                if (Socket.State == WebSocketState.CloseReceived)
                {
                    await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", Guard.Token());
                }

                return (Socket.CloseStatus, Socket.CloseStatusDescription);
            }
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string reason) =>
        await Socket.CloseAsync(status, reason, Guard.Token());

    private async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveMessageAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        var token = Guard.Token();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
