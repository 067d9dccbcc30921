using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Fleet;

/// <summary>
/// The fleet harness: service processes behind one gateway that health-checks them. A stopping service (SIGTERM)
/// leaves the gateway's rotation while it still runs, the others take every new call, and a restart brings it back.
/// </summary>
public sealed class ServiceFleetTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task ServiceStoppedWithSigterm_LeavesTheGatewaysRotationBeforeItExits_AndARestartBringsItBack()
    {
        // A long grace, so "out of rotation while still running" does not depend on the machine's speed.
        await using var edge = await FleetEdge.StartAsync(_redis, services: 2, service: ["--Shutdown:ReadinessGrace=00:00:05"]);
        var leaving = edge.Services[1];
        await AnswerThroughTheGatewayAsync(edge, count: 2);

        var terminated = leaving.TerminateAsync(TimeSpan.FromSeconds(30));
        await edge.Fleet.WaitForTargetsAsync(targets => targets[1].Health == "unhealthy", TimeSpan.FromSeconds(20));

        leaving.HasExited.ShouldBeFalse("the gateway took it out while it still served");
        (await terminated).ShouldBe(0, leaving.Output.ToString());
        await AnswerThroughTheGatewayAsync(edge, count: 4);
        var stats = await edge.GatewayStatsAsync();
        stats.IntegrationCalls.Values.SelectMany(byStatus => byStatus.Keys).ShouldNotContain("error");

        await edge.Fleet.RestartAsync(leaving);

        leaving.HasExited.ShouldBeFalse();
        (await edge.Fleet.TargetsAsync()).ShouldAllBe(t => t.Health == "healthy");
        await AnswerThroughTheGatewayAsync(edge, count: 2);
    }

    private static async Task AnswerThroughTheGatewayAsync(FleetEdge edge, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var socket = new ChatSocket();
            await socket.ConnectAsync(edge.Fleet.ConnectUri(await edge.IssueTokenAsync("fleet-shopper")));
            var requestId = $"fleet-{Guid.NewGuid():N}";
            await socket.AskAsync(requestId, "Recommend a pirate manga");
            (await socket.ReadAnswerAsync(requestId)).Terminal.Type.ShouldBe("done");
        }
    }
}
