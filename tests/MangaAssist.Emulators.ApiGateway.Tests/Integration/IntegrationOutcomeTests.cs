using System.Text.Json;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Integration;

public sealed class IntegrationOutcomeTests
{
    [Fact]
    public async Task An_integration_error_status_is_reported_to_the_client_as_internal_server_error()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Backend.Answer("/routes/sendMessage", new BackendBehaviour(Status: 500));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"sendMessage"}""");

        var call = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "sendMessage");
        using var reply = JsonDocument.Parse(await client.ReceiveTextAsync());
        reply.RootElement.GetProperty("message").GetString().ShouldBe("Internal server error");
        reply.RootElement.GetProperty("connectionId").GetString().ShouldBe(client.ConnectionId);
        reply.RootElement.GetProperty("requestId").GetString().ShouldBe(call.Header("X-Api-Request-Id"));
    }

    [Fact]
    public async Task An_integration_that_does_not_answer_in_time_is_reported_as_endpoint_request_timed_out()
    {
        // The timeout holds for $connect too: 200 ms failed the connect itself (504) on a loaded CI machine.
        await using var gateway = await GatewayUnderTest.StartAsync(("IntegrationTimeout", "00:00:01"));
        gateway.Backend.Answer("/routes/analyze", new BackendBehaviour(Gate: new TaskCompletionSource().Task));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"analyze"}""");

        using var reply = JsonDocument.Parse(await client.ReceiveTextAsync());
        reply.RootElement.GetProperty("message").GetString().ShouldBe("Endpoint request timed out");
        var stats = await gateway.StatsAsync();
        stats.IntegrationCalls["analyze"]["timeout"].ShouldBe(1);
    }

    [Fact]
    public async Task The_client_reply_uses_the_exact_aws_wire_format()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        gateway.Backend.Answer("/routes/cancel", new BackendBehaviour(Status: 502));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"cancel"}""");

        var call = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "cancel");
        (await client.ReceiveTextAsync()).ShouldBe(
            $$"""{"message": "Internal server error", "connectionId":"{{client.ConnectionId}}", "requestId":"{{call.Header("X-Api-Request-Id")}}"}""");
    }

    [Fact]
    public async Task Messages_of_one_connection_are_dispatched_concurrently_not_one_after_another()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("TwoWayRoutes:0", "cancel"));
        var releaseSlowCall = new TaskCompletionSource();
        gateway.Backend.Answer("/routes/analyze", new BackendBehaviour(Gate: releaseSlowCall.Task));
        gateway.Backend.Answer("/routes/cancel", new BackendBehaviour(Body: "cancel-answered"));
        await using var client = await gateway.ConnectAsync();

        await client.SendTextAsync("""{"action":"analyze"}""");
        await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "analyze");
        await client.SendTextAsync("""{"action":"cancel"}""");

        (await client.ReceiveTextAsync()).ShouldBe("cancel-answered");
        releaseSlowCall.SetResult();
    }
}
