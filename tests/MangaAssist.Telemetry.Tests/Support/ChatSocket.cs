using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace MangaAssist.Telemetry.Tests.Support;

/// <summary>A shopper's WebSocket: sends one chat message and reads frames up to the terminal one.</summary>
internal static class ChatSocket
{
    public static async Task<List<JsonElement>> ChatAsync(Uri webSocketUrl, string requestId, string sessionId, string message)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(webSocketUrl, timeout.Token);
        var request = JsonSerializer.Serialize(new { action = "sendMessage", requestId, sessionId, message });
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, timeout.Token);

        var frames = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            var frame = JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
            frames.Add(frame);
            if (frame.GetProperty("type").GetString() is "done" or "error")
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return frames;
            }
        }
    }
}
