using System.Text.Json;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Routing;

public sealed class RouteSelectionTests
{
    [Fact]
    public async Task A_message_naming_a_known_action_is_posted_verbatim_to_that_routes_integration_path()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        const string message = """{"action":"sendMessage","requestId":"c-1","message":"おすすめの少年漫画は？"}""";

        await client.SendTextAsync(message);

        var call = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "sendMessage");
        call.Path.ShouldBe("/routes/sendMessage");
        call.BodyText.ShouldBe(message);
        call.Header("Content-Type").ShouldBe("application/json");
    }

    [Theory]
    [InlineData("""{"action":"analyze"}""", "analyze", "/routes/analyze")]
    [InlineData("""{"action":"cancel","requestId":"c-2"}""", "cancel", "/routes/cancel")]
    [InlineData("""{"action":"resume","requestId":"c-2","afterSeq":17}""", "resume", "/routes/resume")]
    [InlineData("""{"action":"rewind","requestId":"c-2"}""", "$default", "/routes/default")]
    [InlineData("""{"requestId":"c-3"}""", "$default", "/routes/default")]
    [InlineData("""{"action":42}""", "$default", "/routes/default")]
    [InlineData("""{"action":"$connect"}""", "$default", "/routes/default")]
    [InlineData("not json at all {", "$default", "/routes/default")]
    [InlineData("""["action","sendMessage"]""", "$default", "/routes/default")]
    public async Task Each_message_goes_to_the_matching_route_or_else_to_default(string message, string routeKey, string path)
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync(message);

        var call = await gateway.Backend.WaitForCallAsync(c => c.Header("X-Event-Type") == "MESSAGE");
        call.RouteKey.ShouldBe(routeKey);
        call.Path.ShouldBe(path);
        call.BodyText.ShouldBe(message);
    }

    [Fact]
    public async Task A_dotted_selection_expression_selects_the_route_from_a_nested_property()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            ("RouteSelectionExpression", "$request.body.meta.kind"));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"sendMessage","meta":{"kind":"cancel"}}""");

        var call = await gateway.Backend.WaitForCallAsync(c => c.Header("X-Event-Type") == "MESSAGE");
        call.RouteKey.ShouldBe("cancel");
    }

    [Fact]
    public async Task Without_a_default_route_an_unmatched_message_is_answered_forbidden_like_aws()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(
            ("Routes:$connect", "/routes/connect"),
            ("Routes:sendMessage", "/routes/sendMessage"));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"unknown"}""");

        using var reply = JsonDocument.Parse(await client.ReceiveTextAsync());
        reply.RootElement.GetProperty("message").GetString().ShouldBe("Forbidden");
        reply.RootElement.GetProperty("connectionId").GetString().ShouldBe(client.ConnectionId);
        reply.RootElement.GetProperty("requestId").GetString()!.ShouldMatch("^[A-Za-z0-9_-]{15}=$");
        gateway.Backend.Calls.ShouldNotContain(c => c.Header("X-Event-Type") == "MESSAGE");
    }

    [Fact]
    public async Task Only_a_two_way_route_sends_the_integration_response_to_the_client()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("TwoWayRoutes:0", "analyze"));
        gateway.Backend.Answer("/routes/sendMessage", new BackendBehaviour(Body: """{"from":"one-way"}"""));
        gateway.Backend.Answer("/routes/analyze", new BackendBehaviour(Body: """{"from":"two-way"}"""));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"sendMessage"}""");
        await gateway.WaitForStatsAsync(s => s.IntegrationCalls.GetValueOrDefault("sendMessage")?.GetValueOrDefault("200") == 1);
        await client.SendTextAsync("""{"action":"analyze"}""");

        (await client.ReceiveTextAsync()).ShouldBe("""{"from":"two-way"}""");
    }
}
