using System.Net.Http.Json;
using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Targets;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Integration;

/// <summary>Health-checked integration targets, as an ALB target group in front of the service's tasks.</summary>
public sealed class TargetHealthTests : IDisposable
{
    [Fact]
    public async Task An_unhealthy_target_gets_no_new_calls_until_its_checks_pass_again()
    {
        await using var first = await RecordingBackend.StartAsync();
        await using var second = await RecordingBackend.StartAsync();
        second.Answer("/health/ready", new BackendBehaviour(Status: 503));
        // Checks with time to answer: with 40 ms, the healthy target's checks timed out on a busy machine, both targets
        // went out of service and the gateway failed open (calls to both), which is another test's case.
        await using var gateway = await StartAsync(first, second, interval: "00:00:00.500", timeout: "00:00:00.450");
        await WaitForAsync(gateway, targets => targets[1].Health == "unhealthy");

        await ConnectAsync(gateway, 4);

        first.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(4);
        second.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(0);
        second.Calls.ShouldAllBe(c => c.Path == "/health/ready");

        second.Answer("/health/ready", new BackendBehaviour(Status: 200));
        await WaitForAsync(gateway, targets => targets[1].Health == "healthy");
        await ConnectAsync(gateway, 4);

        first.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(6);
        second.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(2);
        var targets = await TargetsAsync(gateway);
        targets[0].AnsweredCalls.ShouldBe(new Dictionary<string, long> { ["$connect"] = 6 });
        targets[1].AnsweredCalls.ShouldBe(new Dictionary<string, long> { ["$connect"] = 2 });
    }

    [Fact]
    public async Task A_target_that_refuses_the_connection_fails_that_call_and_is_taken_out_of_service()
    {
        await using var first = await RecordingBackend.StartAsync();
        var second = await RecordingBackend.StartAsync();
        // Checks far apart: after the first round only the refused integration call can take the target out. That one
        // round must pass, so its checks get time: a fresh backend's first request can take far more than 40 ms on a
        // busy machine, and a failed first check would leave the target out of service for the whole interval.
        await using var gateway = await StartAsync(first, second, interval: "00:05:00", unhealthyThreshold: 1, timeout: "00:00:10");
        await WaitForAsync(gateway, targets => targets.All(t => t.ConsecutivePasses == 1));
        await second.DisposeAsync();

        await ConnectAsync(gateway, 1);
        var refused = await Should.ThrowAsync<WebSocketException>(() => ConnectAsync(gateway, 1));
        await ConnectAsync(gateway, 4);

        refused.Message.ShouldContain("500");
        first.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(5);
        (await gateway.StatsAsync()).IntegrationCalls["$connect"]["error"].ShouldBe(1);
        var targets = await TargetsAsync(gateway);
        targets[0].Health.ShouldBe("healthy");
        targets[1].Health.ShouldBe("unhealthy");
    }

    [Fact]
    public async Task When_no_target_is_healthy_every_target_gets_calls_as_an_alb_fails_open()
    {
        await using var first = await RecordingBackend.StartAsync();
        await using var second = await RecordingBackend.StartAsync();
        first.Answer("/health/ready", new BackendBehaviour(Status: 503));
        second.Answer("/health/ready", new BackendBehaviour(Status: 503));
        await using var gateway = await StartAsync(first, second, interval: "00:00:00.050");
        await WaitForAsync(gateway, targets => targets.All(t => t.Health == "unhealthy"));

        await ConnectAsync(gateway, 4);

        first.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(2);
        second.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(2);
    }

    [Fact]
    public async Task Without_a_health_path_no_target_is_checked_or_taken_out_of_service()
    {
        await using var first = await RecordingBackend.StartAsync();
        var second = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(("IntegrationBaseUrls:0", first.BaseUrl), ("IntegrationBaseUrls:1", second.BaseUrl));
        await second.DisposeAsync();

        await ConnectAsync(gateway, 1);
        await Should.ThrowAsync<WebSocketException>(() => ConnectAsync(gateway, 1));
        await ConnectAsync(gateway, 1);
        await Should.ThrowAsync<WebSocketException>(() => ConnectAsync(gateway, 1));

        first.Calls.ShouldAllBe(c => c.RouteKey == "$connect");
        (await TargetsAsync(gateway)).ShouldAllBe(t => t.Health == "healthy");
    }

    private static Task<GatewayUnderTest> StartAsync(RecordingBackend first, RecordingBackend second, string interval, int unhealthyThreshold = 2, string timeout = "00:00:00.040") =>
        GatewayUnderTest.StartAsync(
            ("IntegrationBaseUrls:0", first.BaseUrl),
            ("IntegrationBaseUrls:1", second.BaseUrl),
            ("TargetHealth:Path", "/health/ready"),
            ("TargetHealth:Interval", interval),
            ("TargetHealth:Timeout", timeout),
            ("TargetHealth:UnhealthyThreshold", unhealthyThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // Sockets stay open until the test ends: a close would make a $disconnect call, which takes a turn too.
    private readonly List<ClientWebSocket> _sockets = [];

    private async Task ConnectAsync(GatewayUnderTest gateway, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = new ClientWebSocket();
            _sockets.Add(socket);
            await socket.ConnectAsync(gateway.WebSocketUri(), Guard.Token());
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private static async Task<TargetView[]> TargetsAsync(GatewayUnderTest gateway) =>
        (await gateway.Http.GetFromJsonAsync<TargetView[]>("/_emulator/targets", Guard.Token()))!;

    private static async Task WaitForAsync(GatewayUnderTest gateway, Func<TargetView[], bool> condition)
    {
        var token = Guard.Token();
        while (!condition(await TargetsAsync(gateway)))
        {
            await Task.Delay(20, token);
        }
    }
}
