using System.Net;
using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

/// <summary>The default 10 minute idle and 2 hour duration limits, checked on a clock the test moves.</summary>
public sealed class ConnectionLimitsClockTests
{
    private static readonly TimeSpan NineMinutes = TimeSpan.FromMinutes(9);

    [Fact]
    public async Task A_client_message_restarts_the_ten_minute_idle_timer()
    {
        var clock = new FakeTimeProvider();
        await using var gateway = await GatewayUnderTest.StartAsync(clock);
        await using var client = await gateway.ConnectAsync();

        clock.Advance(NineMinutes);
        await SendAndWaitUntilHandledAsync(gateway, client, expectedCalls: 1);
        clock.Advance(NineMinutes);

        await ShouldStillBeOpenAsync(gateway, client);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (status, reason) = await client.ReceiveCloseAsync();
        status.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        reason.ShouldBe("Going away: idle timeout");
    }

    [Fact]
    public async Task An_active_connection_is_still_closed_after_two_hours()
    {
        var clock = new FakeTimeProvider();
        await using var gateway = await GatewayUnderTest.StartAsync(clock);
        await using var client = await gateway.ConnectAsync();

        var elapsed = TimeSpan.Zero;
        for (var messages = 1; elapsed + NineMinutes < TimeSpan.FromHours(2); messages++)
        {
            clock.Advance(NineMinutes);
            elapsed += NineMinutes;
            await SendAndWaitUntilHandledAsync(gateway, client, expectedCalls: messages);
        }

        await ShouldStillBeOpenAsync(gateway, client);
        // Exactly to the limit: going further would also pass the close grace period and abort the socket.
        clock.Advance(TimeSpan.FromHours(2) - elapsed);
        var (status, reason) = await client.ReceiveCloseAsync();
        status.ShouldBe(WebSocketCloseStatus.EndpointUnavailable);
        reason.ShouldBe("Going away: maximum connection duration");
    }

    // Waiting for the finished integration call (not just its arrival) keeps its timeout timer out of the next Advance.
    private static async Task SendAndWaitUntilHandledAsync(GatewayUnderTest gateway, GatewayClient client, int expectedCalls)
    {
        await client.SendTextAsync("""{"action":"sendMessage"}""");
        await gateway.WaitForStatsAsync(s => s.IntegrationCalls.GetValueOrDefault("sendMessage")?.GetValueOrDefault("200") == expectedCalls);
    }

    private static async Task ShouldStillBeOpenAsync(GatewayUnderTest gateway, GatewayClient client)
    {
        using var response = await gateway.PostToConnectionAsync(client.ConnectionId, "still here"u8.ToArray());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.ReceiveTextAsync()).ShouldBe("still here");
    }
}
