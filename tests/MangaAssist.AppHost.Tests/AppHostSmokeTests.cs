using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using MangaAssist.Telemetry.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.AppHost.Tests;

/// <summary>
/// The app host's topology, started as a newcomer would (redis-server, both emulators, two service replicas), answers
/// chats through the gateway emulator, and the gateway's integration calls reach both replicas (as the gateway counts
/// them: following the replicas' logs through the app host was itself the flaky part).
/// </summary>
public sealed class AppHostSmokeTests
{
    private static readonly string[] Services = ["orchestrator-1", "orchestrator-2"];

    [Fact]
    public async Task AppHost_StartsTheTopology_AndChatsAreAnsweredByBothReplicas()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.MangaAssist_AppHost>(patience.Token);
        await using var app = await builder.BuildAsync(patience.Token);
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();

        await app.StartAsync(patience.Token);
        foreach (var service in Services)
        {
            await notifications.WaitForResourceHealthyAsync(service, patience.Token);
        }

        await notifications.WaitForResourceAsync("apigateway-emulator", KnownResourceStates.Running, patience.Token);
        var webSocket = new UriBuilder(app.GetEndpoint("apigateway-emulator", "http")) { Scheme = "ws", Path = "/" }.Uri;
        var issuer = app.GetEndpoint("token-issuer", "http");

        // The gateway calls the two in turn, per integration call, and counts what each target answered.
        for (var i = 0; i < 6; i++)
        {
            var token = await IssueTokenAsync(issuer, $"apphost-shopper-{i}", patience.Token);
            var shopperSocket = new UriBuilder(webSocket) { Query = $"token={Uri.EscapeDataString(token)}" }.Uri;
            var requestId = $"apphost-{i}-{Guid.NewGuid():N}"[..24];
            var frames = await ChatSocket.ChatAsync(shopperSocket, requestId, $"s-apphost-{i}", "おすすめの少年漫画は？ [[tokens:8]]");
            frames[^1].GetProperty("type").GetString().ShouldBe("done", $"chat {i} ended with {frames[^1].GetRawText()}");
        }

        var targets = await TargetsAsync(app.GetEndpoint("apigateway-emulator", "http"), patience.Token);
        var chatsPerTarget = targets.Select(t => t.AnsweredCalls.GetValueOrDefault("sendMessage")).ToArray();
        chatsPerTarget.Length.ShouldBe(2);
        chatsPerTarget.Sum().ShouldBe(6);
        chatsPerTarget.ShouldAllBe(chats => chats > 0, $"both replicas answered some of the chats ({string.Join(", ", chatsPerTarget)})");

        // Catalog search pages continue on the other instance: both sign cursors with the app host's one key.
        var searcher = await IssueTokenAsync(issuer, "apphost-searcher", patience.Token);
        using var first = await SearchAsync(app.GetEndpoint("orchestrator-1", "http"), searcher, "q=fantasy&limit=5", patience.Token);
        var cursor = first.RootElement.GetProperty("nextCursor").GetString();
        using var second = await SearchAsync(app.GetEndpoint("orchestrator-2", "http"), searcher, $"q=fantasy&limit=5&cursor={cursor}", patience.Token);
        second.RootElement.GetProperty("results").GetArrayLength().ShouldBe(5);
    }

    private static async Task<JsonDocument> SearchAsync(Uri instance, string token, string queryString, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = instance };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync("/v1/catalog/search?" + queryString, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body);
    }

    /// <summary>A shopper's token from the topology's development issuer, as the chat page gets one.</summary>
    private static async Task<string> IssueTokenAsync(Uri issuer, string subject, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = issuer };
        using var response = await http.PostAsJsonAsync("/tokens", new { sub = subject }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    private sealed record TargetView(string BaseUrl, IReadOnlyDictionary<string, long> AnsweredCalls);

    /// <summary>The gateway emulator's view of its integration targets, one per replica.</summary>
    private static async Task<TargetView[]> TargetsAsync(Uri gateway, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        return (await http.GetFromJsonAsync<TargetView[]>("/_emulator/targets", cancellationToken))!;
    }
}
