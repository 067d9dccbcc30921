using System.Net.WebSockets;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

public sealed class ConnectTokenMappingTests
{
    private const string TokenHeader = "X-MangaAssist-Token";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln";

    [Fact]
    public async Task The_token_query_parameter_reaches_connect_as_a_header_and_not_in_the_url()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();

        await using var client = await gateway.ConnectAsync($"/local?lang=ja&token={Token}");

        var connect = gateway.Backend.Calls.Single(c => c.RouteKey == "$connect");
        connect.Header(TokenHeader).ShouldBe(Token);
        connect.QueryString.ShouldStartWith("?lang=ja&client=");
        connect.QueryString.ShouldNotContain("token");
    }

    [Fact]
    public async Task A_percent_encoded_token_is_decoded_into_the_header()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();

        await using var client = await gateway.ConnectAsync("/local?token=a%2Bb%2Fc%3D");

        gateway.Backend.Calls.Single(c => c.RouteKey == "$connect").Header(TokenHeader).ShouldBe("a+b/c=");
    }

    [Fact]
    public async Task Without_a_token_connect_gets_no_token_header_and_only_connect_ever_carries_one()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var anonymous = await gateway.ConnectAsync();
        await using var client = await gateway.ConnectAsync($"/local?token={Token}");

        await client.SendTextAsync("""{"action":"sendMessage"}""");
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");

        gateway.Backend.Calls.First(c => c.ConnectionId == anonymous.ConnectionId).Header(TokenHeader).ShouldBeEmpty();
        await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect" && c.ConnectionId == client.ConnectionId);
        gateway.Backend.Calls.Where(c => c.RouteKey != "$connect").ShouldAllBe(c => c.Header(TokenHeader) == "");
    }

    [Fact]
    public async Task The_mapping_is_configurable_like_the_apis_request_parameters()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            ("ConnectRequestParameters:integration.request.header.X-MangaAssist-Token", "route.request.header.X-Client-Token"));

        await using var client = await gateway.ConnectAsync("/local?token=from-query", o => o.SetRequestHeader("X-Client-Token", Token));

        var connect = gateway.Backend.Calls.Single(c => c.RouteKey == "$connect");
        connect.Header(TokenHeader).ShouldBe(Token);
        connect.QueryString.ShouldStartWith("?token=from-query&");
    }

    [Fact]
    public async Task An_empty_source_switches_the_mapping_off()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("ConnectRequestParameters:integration.request.header.X-MangaAssist-Token", ""));

        await using var client = await gateway.ConnectAsync($"/local?token={Token}");

        gateway.Backend.Calls.Single(c => c.RouteKey == "$connect").Header(TokenHeader).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_token_refuses_the_upgrade_with_401_and_opens_no_connection()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Backend.Answer("/routes/connect", new BackendBehaviour(Status: 401));
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Should.ThrowAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri($"/local?token={Token}"), Guard.Token()));

        ((int)socket.HttpStatusCode).ShouldBe(401);
        (await gateway.StatsAsync()).ConnectionsOpened.ShouldBe(0);
        gateway.Backend.Calls.ShouldNotContain(c => c.RouteKey == "$disconnect");
    }
}
