using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Integration;

/// <summary>Several service instances behind the gateway: integration calls go to each in turn, per request.</summary>
public sealed class IntegrationRoundRobinTests
{
    [Fact]
    public async Task Two_integration_urls_each_get_every_other_connect_even_over_kept_alive_connections()
    {
        await using var first = await RecordingBackend.StartAsync();
        await using var second = await RecordingBackend.StartAsync();
        await using var gateway = await GatewayUnderTest.StartAsync(("IntegrationBaseUrls:0", first.BaseUrl), ("IntegrationBaseUrls:1", second.BaseUrl));

        var sockets = new List<ClientWebSocket>();
        for (var i = 0; i < 6; i++)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(gateway.WebSocketUri(), Guard.Token());
            sockets.Add(socket);
        }

        // One after the other over the gateway's kept-alive connections: a per-connection balancer would send all six
        // to one instance; per request, each gets three.
        first.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(3);
        second.Calls.Count(c => c.RouteKey == "$connect").ShouldBe(3);
        gateway.Backend.Calls.ShouldBeEmpty();
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }
}
