using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

public sealed class DisconnectTests
{
    [Fact]
    public async Task A_client_close_sends_disconnect_once_with_the_clients_status_and_reason()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");

        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.Path.ShouldBe("/routes/disconnect");
        disconnect.ConnectionId.ShouldBe(client.ConnectionId);
        disconnect.Header("X-Event-Type").ShouldBe("DISCONNECT");
        disconnect.Header("X-Disconnect-Status-Code").ShouldBe("1000");
        disconnect.Header("X-Disconnect-Reason").ShouldBe("bye");
        var stats = await gateway.WaitForStatsAsync(s => s.ConnectionsClosed == 1);
        stats.ConnectionsActive.ShouldBe(0);
        gateway.Backend.Calls.Count(c => c.RouteKey == "$disconnect").ShouldBe(1);
    }

    [Fact]
    public async Task A_client_that_vanishes_without_a_close_frame_is_reported_as_1006()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        client.Socket.Abort();

        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.Header("X-Disconnect-Status-Code").ShouldBe("1006");
    }

    [Fact]
    public async Task An_idle_connection_is_closed_with_1001_after_the_idle_timeout()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("IdleTimeout", "00:00:00.300"));
        await using var client = await gateway.ConnectAsync();

        var (status, reason) = await client.ReceiveCloseAsync();

        status.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        reason.ShouldBe("Going away: idle timeout");
        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.Header("X-Disconnect-Status-Code").ShouldBe("1001");
        disconnect.Header("X-Disconnect-Reason").ShouldBe("Going away: idle timeout");
    }

    [Fact]
    public async Task A_connection_is_closed_with_1001_when_it_reaches_its_maximum_duration()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("MaxConnectionDuration", "00:00:00.500"));
        await using var client = await gateway.ConnectAsync();

        var (status, reason) = await client.ReceiveCloseAsync();

        status.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        reason.ShouldBe("Going away: maximum connection duration");
        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.Header("X-Disconnect-Status-Code").ShouldBe("1001");
    }

    [Fact]
    public async Task Stopping_the_emulator_closes_open_connections_and_still_sends_disconnect()
    {
        var gateway = await GatewayUnderTest.StartAsync();
        var backend = gateway.Backend;
        var client = await gateway.ConnectAsync();
        var closing = client.ReceiveCloseAsync();

        await using (gateway)
        {
            var disconnect = backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
            var stopping = gateway.StopEmulatorAsync();
            (await closing).Status.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
            (await disconnect).Header("X-Disconnect-Status-Code").ShouldBe("1001");
            await stopping.Bounded();
        }
    }
}
