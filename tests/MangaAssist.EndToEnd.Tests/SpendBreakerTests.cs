using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>The spend breaker reads the fleet's spend: two instances share one redis-server.</summary>
public sealed class SpendBreakerTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task SpendOnOneInstance_TripsTheBreakerOnTheOther_ForAnalysesWhileChatsComplete()
    {
        // A cap so low that one answered analysis passes it.
        string[] settings = [$"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix=e2e-{Guid.NewGuid():N}:", "--SpendBreaker:PerMinuteCap=0.000001"];
        await using var stack = await EdgeStack.StartAsync(service: settings);
        var other = await stack.AddInstanceAsync();
        await using var first = await stack.ConnectAsync("spender");
        await using var second = await other.ConnectAsync("bystander");

        await first.SendAsync(new { action = "analyze", requestId = "a-1", sessionId = "spend-1", message = "Compare two long pirate sagas [[tokens:40]] tag-spend-1" });
        var paid = (await first.ReadAnswerAsync("a-1")).ShouldKeepTheProtocolPromises();
        paid.Terminal.Type.ShouldBe("done", paid.Terminal.Raw);
        paid.Terminal.Json.GetProperty("usage").GetProperty("cost").GetProperty("amount").GetDecimal().ShouldBeGreaterThan(0m);

        await second.SendAsync(new { action = "analyze", requestId = "a-2", sessionId = "spend-2", message = "Compare two detective series [[tokens:40]] tag-spend-2" });
        var refused = (await second.ReadAnswerAsync("a-2")).ShouldKeepTheProtocolPromises();
        await second.SendAsync(new { action = "sendMessage", requestId = "c-1", sessionId = "spend-3", message = "Recommend a cosy slice-of-life manga [[tokens:20]] tag-spend-3" });
        var chat = (await second.ReadAnswerAsync("c-1")).ShouldKeepTheProtocolPromises();

        refused.Terminal.Code.ShouldBe("spend_limited", refused.Terminal.Raw);
        refused.Terminal.Retryable.ShouldBe(true);
        chat.Terminal.Type.ShouldBe("done", chat.Terminal.Raw);
    }
}
