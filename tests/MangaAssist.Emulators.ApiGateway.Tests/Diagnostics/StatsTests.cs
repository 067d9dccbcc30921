using System.Net;
using System.Text;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Diagnostics;

public sealed class StatsTests
{
    [Fact]
    public async Task Stats_count_connections_messages_integration_calls_and_post_results()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Backend.Answer("/routes/cancel", new BackendBehaviour(Status: 500));
        await using var first = await gateway.ConnectAsync();
        await using var second = await gateway.ConnectAsync();
        await first.SendTextAsync("""{"action":"sendMessage"}""");
        await first.SendTextAsync("""{"action":"sendMessage"}""");
        await second.SendTextAsync("""{"action":"cancel"}""");
        await second.ReceiveTextAsync();
        using var posted = await gateway.PostToConnectionAsync(first.ConnectionId, Encoding.ASCII.GetBytes(new string('p', 40_000)));
        using var gone = await gateway.PostToConnectionAsync("AAAAAAAAAAAAAAA=", "x"u8.ToArray());
        await first.ReceiveTextAsync();
        await second.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "");

        var stats = await gateway.WaitForStatsAsync(s =>
            s.ConnectionsClosed == 1 && s.IntegrationCalls.GetValueOrDefault("$disconnect") is not null
            && s.IntegrationCalls.GetValueOrDefault("sendMessage")?.GetValueOrDefault("200") == 2);

        stats.ConnectionsOpened.ShouldBe(2);
        stats.ConnectionsActive.ShouldBe(1);
        stats.MessagesReceived.ShouldBe(3);
        stats.IntegrationCalls["$connect"]["200"].ShouldBe(2);
        stats.IntegrationCalls["cancel"]["500"].ShouldBe(1);
        stats.IntegrationCalls["$disconnect"]["200"].ShouldBe(1);
        stats.PostToConnection["200"].ShouldBe(1);
        stats.PostToConnection["410"].ShouldBe(1);
        stats.MessagesSent.ShouldBe(2);
        stats.LargestMessageSent.ShouldBe(40_000);
        stats.BytesSent.ShouldBeGreaterThan(40_000);
        stats.FramesSent.ShouldBe(3);
    }

    [Fact]
    public async Task Resetting_stats_zeroes_the_counters_but_keeps_the_active_connection_count()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        await client.SendTextAsync("""{"action":"sendMessage"}""");
        // Counted when the backend's answer is back, a moment after the backend saw the call: wait for the count itself,
        // or it can land after the reset.
        await gateway.WaitForStatsAsync(s => s.IntegrationCalls.GetValueOrDefault("sendMessage")?.GetValueOrDefault("200") == 1);

        using var reset = await gateway.Http.PostAsync("/_emulator/stats/reset", null, Guard.Token());
        var stats = await gateway.StatsAsync();

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        stats.ConnectionsOpened.ShouldBe(0);
        stats.MessagesReceived.ShouldBe(0);
        stats.IntegrationCalls.ShouldBeEmpty();
        stats.ConnectionsActive.ShouldBe(1);
    }

    [Fact]
    public async Task The_connections_endpoint_lists_open_connection_ids()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        var body = await gateway.Http.GetStringAsync("/_emulator/connections", Guard.Token());

        body.ShouldContain(client.ConnectionId);
    }
}
