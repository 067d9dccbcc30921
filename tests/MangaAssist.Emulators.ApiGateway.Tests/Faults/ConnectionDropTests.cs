using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Faults;

public sealed class ConnectionDropTests
{
    [Fact]
    public async Task A_dropped_connection_loses_its_socket_without_a_close_frame_and_disconnect_reports_1006()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        using var response = await gateway.Http.PostAsync($"/_emulator/connections/{Uri.EscapeDataString(client.ConnectionId)}/drop", null, Guard.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var received = await Should.ThrowAsync<WebSocketException>(() => client.Socket.ReceiveAsync(new byte[1024], Guard.Token()));
        received.WebSocketErrorCode.ShouldBe(WebSocketError.ConnectionClosedPrematurely);
        client.Socket.CloseStatus.ShouldBeNull();
        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect" && c.ConnectionId == client.ConnectionId);
        disconnect.Header("X-Disconnect-Status-Code").ShouldBe("1006");
    }

    [Fact]
    public async Task After_a_drop_the_connection_is_gone_for_post_to_connection_and_the_listing()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var dropped = await gateway.ConnectAsync();
        await using var other = await gateway.ConnectAsync();

        (await gateway.Http.PostAsync($"/_emulator/connections/{Uri.EscapeDataString(dropped.ConnectionId)}/drop", null, Guard.Token())).Dispose();
        await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect" && c.ConnectionId == dropped.ConnectionId);

        using var post = await gateway.PostToConnectionAsync(dropped.ConnectionId, "{}"u8.ToArray());
        post.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var listing = await gateway.Http.GetFromJsonAsync<JsonElement>("/_emulator/connections", Guard.Token());
        listing.GetProperty("connectionIds").EnumerateArray().Select(e => e.GetString()).ShouldBe([other.ConnectionId]);
        other.Socket.State.ShouldBe(WebSocketState.Open);
    }

    [Fact]
    public async Task Dropping_an_unknown_or_already_dropped_connection_answers_404()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        var path = $"/_emulator/connections/{Uri.EscapeDataString(client.ConnectionId)}/drop";

        using var first = await gateway.Http.PostAsync(path, null, Guard.Token());
        using var second = await gateway.Http.PostAsync(path, null, Guard.Token());
        using var unknown = await gateway.Http.PostAsync("/_emulator/connections/AAAAAAAAAAAAAAA=/drop", null, Guard.Token());

        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        second.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
