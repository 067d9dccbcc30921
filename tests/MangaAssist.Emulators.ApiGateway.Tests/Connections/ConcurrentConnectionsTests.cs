using System.Net;
using System.Text;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

public sealed class ConcurrentConnectionsTests
{
    private const int Connections = 1000;

    [Fact]
    public async Task A_thousand_concurrent_connections_each_receive_their_own_message()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        using var opening = new SemaphoreSlim(100);
        var clients = await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            await opening.WaitAsync();
            try
            {
                return await gateway.ConnectAsync();
            }
            finally
            {
                opening.Release();
            }
        }));

        (await gateway.StatsAsync()).ConnectionsActive.ShouldBe(Connections);
        var receiving = clients.Select(c => c.ReceiveTextAsync()).ToArray();
        var posts = await Task.WhenAll(clients.Select(c => gateway.PostToConnectionAsync(c.ConnectionId, Encoding.UTF8.GetBytes(c.ConnectionId))));
        var received = await Task.WhenAll(receiving);

        posts.ShouldAllBe(p => p.StatusCode == HttpStatusCode.OK);
        received.ShouldBe(clients.Select(c => c.ConnectionId).ToArray());
    }
}
