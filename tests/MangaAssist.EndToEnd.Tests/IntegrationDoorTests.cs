using System.Net;
using System.Text;
using MangaAssist.EndToEnd.Tests.Support;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// Route calls that did not come through the API (no integration secret, or a wrong one) are refused
/// with 401 and change nothing; the secret never reaches the logs.
/// </summary>
public sealed class IntegrationDoorTests(IntegrationDoorTests.DoorEdge edge) : IClassFixture<IntegrationDoorTests.DoorEdge>
{
    private const string Header = "X-MangaAssist-Integration-Secret";
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong")]
    [InlineData("right-but-one-character-short")]
    [InlineData("right-plus-one-character")]
    public async Task A_route_call_without_the_right_secret_gets_401_and_changes_nothing(string kind)
    {
        await using var socket = await edge.Stack.ConnectAsync();
        var connectionId = await edge.ConnectionIdOfNewestAsync();
        var bedrockBefore = await edge.Stack.BedrockStatsAsync();
        var gatewayBefore = await edge.Stack.GatewayStatsAsync();
        var secret = kind switch
        {
            "missing" => null,
            "wrong" => "an-impostor-who-knows-the-length-" + new string('x', edge.Stack.IntegrationSecret.Length - 33),
            "right-but-one-character-short" => edge.Stack.IntegrationSecret[..^1],
            _ => edge.Stack.IntegrationSecret + "x",
        };

        using var response = await PostMessageAsync(connectionId, "door-refused-" + kind, secret);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain(Header);
        await Task.Delay(Quiet);
        socket.Received.ShouldBeEmpty();
        var bedrockAfter = await edge.Stack.BedrockStatsAsync();
        bedrockAfter.StreamsStarted.ShouldBe(bedrockBefore.StreamsStarted);
        bedrockAfter.Requests.Values.Sum().ShouldBe(bedrockBefore.Requests.Values.Sum());
        var gatewayAfter = await edge.Stack.GatewayStatsAsync();
        gatewayAfter.PostToConnection.Values.Sum().ShouldBe(gatewayBefore.PostToConnection.Values.Sum());
        gatewayAfter.FramesSent.ShouldBe(gatewayBefore.FramesSent);
    }

    [Fact]
    public async Task A_route_call_with_the_right_secret_is_accepted_and_answered_on_the_connection()
    {
        await using var socket = await edge.Stack.ConnectAsync();
        var connectionId = await edge.ConnectionIdOfNewestAsync();

        using var response = await PostMessageAsync(connectionId, "door-accepted", edge.Stack.IntegrationSecret);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await socket.ReadAnswerAsync("door-accepted")).Terminal.Type.ShouldBe("done");
    }

    [Fact]
    public async Task A_refused_call_logs_one_warning_naming_header_route_and_connection_and_no_secret_is_ever_logged()
    {
        await using var socket = await edge.Stack.ConnectAsync();
        var connectionId = await edge.ConnectionIdOfNewestAsync();
        const string impostor = "impostor-value-that-must-not-be-logged-0123456789";
        using (await PostMessageAsync(connectionId, "door-logged", impostor))
        {
        }

        using (await PostMessageAsync(connectionId, "door-logged-ok", edge.Stack.IntegrationSecret))
        {
        }

        await socket.ReadAnswerAsync("door-logged-ok");

        var refused = edge.Logs.Lines.Where(l => l.EventId == 1003 && l.State.GetValueOrDefault("ConnectionId") == connectionId).ShouldHaveSingleItem();
        refused.Level.ShouldBe(LogLevel.Warning);
        refused.Message.ShouldContain(Header);
        refused.Message.ShouldContain("/routes/sendMessage");
        refused.Message.ShouldContain("wrong");
        var everything = edge.Logs.Lines.Select(l => l.Everything).ToList();
        everything.Count.ShouldBeGreaterThan(10);
        everything.ShouldNotContain(l => l.Contains(edge.Stack.IntegrationSecret, StringComparison.Ordinal));
        everything.ShouldNotContain(l => l.Contains(impostor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_endpoints_stay_open_without_the_secret()
    {
        using var response = await edge.Stack.Http.GetAsync(new Uri(edge.Stack.ServiceUrl, "/health/ready"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> PostMessageAsync(string connectionId, string requestId, string? secret)
    {
        var body = $$"""{"action":"sendMessage","requestId":"{{requestId}}","sessionId":"s-door","message":"Which manga is about pirates?"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(edge.Stack.ServiceUrl, "/routes/sendMessage"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Connection-Id", connectionId);
        if (secret is not null)
        {
            request.Headers.Add(Header, secret);
        }

        return await edge.Stack.Http.SendAsync(request);
    }

    /// <summary>A stack whose service logs everything into <see cref="Logs"/>.</summary>
    public sealed class DoorEdge : IAsyncLifetime
    {
        public EdgeStack Stack { get; private set; } = null!;

        public CapturedLogs Logs { get; } = new();

        public async Task InitializeAsync() =>
            Stack = await EdgeStack.StartAsync(
                service: ["--Logging:LogLevel:Default=Debug"],
                configureService: builder => builder.Logging.AddProvider(Logs));

        public async Task DisposeAsync() => await Stack.DisposeAsync();

        /// <summary>The id of the connection the service saw open last (its "opened" log line), as a forger would learn it.</summary>
        public async Task<string> ConnectionIdOfNewestAsync()
        {
            for (var waited = 0; waited < 100; waited++)
            {
                var opened = Logs.Lines.LastOrDefault(l => l.EventId == 1000);
                if (opened is not null && _seen.Add(opened.State["ConnectionId"]!))
                {
                    return opened.State["ConnectionId"]!;
                }

                await Task.Delay(50);
            }

            throw new TimeoutException("The service never logged the connection opening.");
        }

        private readonly HashSet<string> _seen = [];
    }
}
