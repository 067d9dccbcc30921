using System.Net;
using System.Net.Http.Json;
using System.Text;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using MangaAssist.Emulators.ApiGateway.Tests.Management;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Faults;

public sealed class FaultInjectionTests
{
    [Fact]
    public async Task A_429_rate_of_one_makes_every_post_to_connection_a_limit_exceeded_error_until_faults_are_cleared()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        using var set = await gateway.Http.PostAsync("/_emulator/faults", Json("""{"postToConnection429":1,"seed":7}"""), Guard.Token());
        set.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var throttled = await gateway.PostToConnectionAsync(client.ConnectionId, "x"u8.ToArray());
        using var cleared = await gateway.Http.DeleteAsync("/_emulator/faults", Guard.Token());
        using var accepted = await gateway.PostToConnectionAsync(client.ConnectionId, "y"u8.ToArray());

        await ManagementApiTests.ShouldBeAwsError(throttled, HttpStatusCode.TooManyRequests, "LimitExceededException");
        cleared.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.ReceiveTextAsync()).ShouldBe("y");
    }

    [Fact]
    public async Task A_500_rate_of_one_makes_every_post_to_connection_an_internal_server_error()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        using var set = await gateway.Http.PostAsync("/_emulator/faults", Json("""{"postToConnection500":1}"""), Guard.Token());

        using var failed = await gateway.PostToConnectionAsync(client.ConnectionId, "x"u8.ToArray());

        await ManagementApiTests.ShouldBeAwsError(failed, HttpStatusCode.InternalServerError, "InternalServerErrorException");
    }

    [Fact]
    public async Task The_same_seed_replays_the_same_sequence_of_faults()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        var first = await RunSequenceAsync(gateway, client.ConnectionId);
        var second = await RunSequenceAsync(gateway, client.ConnectionId);

        first.ShouldBe(second);
        first.ShouldContain(HttpStatusCode.TooManyRequests);
        first.ShouldContain(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Current_fault_settings_can_be_read_back()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        using var set = await gateway.Http.PostAsync(
            "/_emulator/faults", Json("""{"postToConnection429":0.05,"postToConnection500":0,"postToConnectionDelayMs":3,"seed":1}"""), Guard.Token());

        var current = await gateway.Http.GetFromJsonAsync<Dictionary<string, double>>("/_emulator/faults", Guard.Token());

        current!["postToConnection429"].ShouldBe(0.05);
        current["postToConnectionDelayMs"].ShouldBe(3);
    }

    [Theory]
    [InlineData("""{"postToConnection429":1.5}""")]
    [InlineData("""{"postToConnection429":0.6,"postToConnection500":0.6}""")]
    [InlineData("""{"postToConnectionDelayMs":-1}""")]
    [InlineData("""{"postToConection429":0.5}""")]
    [InlineData("not json")]
    public async Task Invalid_fault_settings_are_refused_with_400(string body)
    {
        await using var gateway = await GatewayUnderTest.StartAsync();

        using var response = await gateway.Http.PostAsync("/_emulator/faults", Json(body), Guard.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("message");
    }

    private static async Task<List<HttpStatusCode>> RunSequenceAsync(GatewayUnderTest gateway, string connectionId)
    {
        using var set = await gateway.Http.PostAsync("/_emulator/faults", Json("""{"postToConnection429":0.5,"seed":42}"""), Guard.Token());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await gateway.PostToConnectionAsync(connectionId, "s"u8.ToArray());
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
