using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MangaAssist.Page.Tests.Support;
using Shouldly;

namespace MangaAssist.Page.Tests;

/// <summary>The keep-alive the client sends before API Gateway's 10-minute idle limit.</summary>
[Collection(PageStackCollection.Name)]
public sealed class PingTests(PageStackFixture fixture)
{
    [Fact]
    public async Task Ping_IsAnsweredWithAPongCarryingItsRequestIdAndNoError()
    {
        var token = await fixture.Stack.Stack.IssueGuestTokenAsync();
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(fixture.Stack.Stack.ConnectUri(token), timeout.Token);

        await SendAsync(socket, """{"action":"ping","requestId":"keepalive-1"}""", timeout.Token);
        await SendAsync(socket, """{"action":"ping"}""", timeout.Token);
        var first = await ReceiveAsync(socket, timeout.Token);
        var second = await ReceiveAsync(socket, timeout.Token);

        var frames = new[] { first, second };
        frames.Select(f => f.GetProperty("type").GetString()).ShouldBe(["pong", "pong"]);
        frames.Select(f => f.GetProperty("requestId").ValueKind == JsonValueKind.Null ? null : f.GetProperty("requestId").GetString())
            .ShouldBe(["keepalive-1", null], ignoreOrder: true);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
    }

    private static Task SendAsync(ClientWebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        var length = 0;
        var complete = false;
        while (!complete)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            length += received.Count;
            complete = received.EndOfMessage;
        }

        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }
}
