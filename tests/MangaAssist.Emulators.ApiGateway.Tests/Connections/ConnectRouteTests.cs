using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

public sealed class ConnectRouteTests
{
    [Fact]
    public async Task Connect_integration_receives_the_mapped_headers_the_query_string_and_traceparent()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        await using var client = await gateway.ConnectAsync("/local?lang=ja%20JP", options =>
        {
            options.SetRequestHeader("traceparent", traceParent);
            options.SetRequestHeader("User-Agent", "manga-reader/1.0");
        });

        var connect = gateway.Backend.Calls.Single(c => c.RouteKey == "$connect");
        connect.Path.ShouldBe("/routes/connect");
        connect.QueryString.ShouldStartWith("?lang=ja%20JP&client=");
        connect.ConnectionId.ShouldMatch("^[A-Za-z0-9_-]{15}=$");
        connect.Header("X-Event-Type").ShouldBe("CONNECT");
        connect.Header("X-Api-Request-Id").ShouldMatch("^[A-Za-z0-9_-]{15}=$");
        connect.Header("X-Api-Request-Id").ShouldNotBe(connect.ConnectionId);
        connect.Header("X-Source-Ip").ShouldBe("127.0.0.1");
        connect.Header("traceparent").ShouldBe(traceParent);
        var connectedAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(connect.Header("X-Connected-At"), System.Globalization.CultureInfo.InvariantCulture));
        connectedAt.Year.ShouldBeGreaterThanOrEqualTo(2024);
    }

    [Fact]
    public async Task Message_integration_calls_carry_the_same_connection_context_with_a_fresh_request_id()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"sendMessage"}""");

        var connect = gateway.Backend.Calls.Single(c => c.RouteKey == "$connect");
        var message = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "sendMessage");
        message.ConnectionId.ShouldBe(client.ConnectionId);
        message.Header("X-Event-Type").ShouldBe("MESSAGE");
        message.Header("X-Connected-At").ShouldBe(connect.Header("X-Connected-At"));
        message.Header("X-Source-Ip").ShouldBe("127.0.0.1");
        message.Header("X-Api-Request-Id").ShouldNotBe(connect.Header("X-Api-Request-Id"));
    }

    [Fact]
    public async Task Every_integration_call_carries_the_integration_secret_when_one_is_configured()
    {
        const string secret = "0123456789abcdef0123456789abcdef-emulator";
        await using var gateway = await GatewayUnderTest.StartAsync(("IntegrationSecret", secret));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"sendMessage"}""");

        (await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "sendMessage")).Header("X-MangaAssist-Integration-Secret").ShouldBe(secret);
        gateway.Backend.Calls.Single(c => c.RouteKey == "$connect").Header("X-MangaAssist-Integration-Secret").ShouldBe(secret);
    }

    [Fact]
    public async Task Without_a_configured_secret_no_integration_call_carries_the_header()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"sendMessage"}""");

        (await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "sendMessage")).Header("X-MangaAssist-Integration-Secret").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(400)]
    public async Task A_connect_integration_that_refuses_fails_the_handshake_with_its_status_and_registers_nothing(int status)
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Backend.Answer("/routes/connect", new BackendBehaviour(Status: status));
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri(), Guard.Token()));

        ((int)socket.HttpStatusCode).ShouldBe(status);
        var stats = await gateway.StatsAsync();
        stats.ConnectionsRejected.ShouldBe(1);
        stats.ConnectionsOpened.ShouldBe(0);
        stats.ConnectionsActive.ShouldBe(0);
    }

    [Fact]
    public async Task An_unreachable_connect_integration_fails_the_handshake_with_500()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("IntegrationBaseUrl", $"http://127.0.0.1:{UnusedPort()}"));
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri(), Guard.Token()));

        socket.HttpStatusCode.ShouldBe(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Without_a_connect_route_every_upgrade_is_accepted()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("Routes:sendMessage", "/routes/sendMessage"));
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(gateway.WebSocketUri("/"), Guard.Token());

        socket.State.ShouldBe(WebSocketState.Open);
        gateway.Backend.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Connection_ids_are_unique_and_shaped_like_aws_ids()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();

        var clients = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => gateway.ConnectAsync()));

        clients.Select(c => c.ConnectionId).Distinct().Count().ShouldBe(25);
        clients.ShouldAllBe(c => c.ConnectionId.Length == 16 && c.ConnectionId.EndsWith('='));
    }

    [Fact]
    public async Task A_plain_http_request_to_the_socket_endpoint_is_told_to_upgrade()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();

        using var response = await gateway.Http.GetAsync("/local", Guard.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.UpgradeRequired);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
