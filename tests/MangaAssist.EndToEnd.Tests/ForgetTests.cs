using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;
using StackExchange.Redis;

namespace MangaAssist.EndToEnd.Tests;

/// <summary><c>forget</c> and <c>DELETE /v1/me/data</c> remove every key of the shopper from a real redis-server, and nothing of anyone else's.</summary>
public sealed class ForgetTests : IAsyncLifetime
{
    private readonly string _prefix = $"e2e-{Guid.NewGuid():N}:";
    private RedisServer _redis = null!;
    private EdgeStack _stack = null!;
    private DevTokenClient _tokens = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _stack = await EdgeStack.StartAsync(service: SharedRedis);
        _tokens = IdentityEdge.Tokens(_stack);
    }

    private string[] SharedRedis => [$"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix={_prefix}"];

    public async Task DisposeAsync()
    {
        _tokens.Dispose();
        await _stack.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task Forget_deletes_every_key_of_the_shopper_and_nothing_of_another()
    {
        var alice = IdentityEdge.PrincipalOf(_stack, "alice").Id;
        var bob = IdentityEdge.PrincipalOf(_stack, "bob").Id;
        await using var aliceSocket = await IdentityEdge.ConnectAsync(_stack.WebSocketUrl, await _tokens.IssueTokenAsync("alice"));
        await using var bobSocket = await IdentityEdge.ConnectAsync(_stack.WebSocketUrl, await _tokens.IssueTokenAsync("bob"));
        await AskAsync(aliceSocket, "a-1", "s-1");
        await AskAsync(aliceSocket, "a-2", "s-2");
        await AskAsync(bobSocket, "b-1", "s-1");
        (await ShopperKeysAsync(alice)).Count.ShouldBe(4);

        await aliceSocket.SendAsync(new { action = "forget", requestId = "f-1" });
        var forgotten = await aliceSocket.ReadFrameAsync("f-1");

        forgotten.Type.ShouldBe("forgotten");
        forgotten.Json.GetProperty("deleted").GetProperty("memory").GetInt32().ShouldBe(2);
        forgotten.Json.GetProperty("deleted").GetProperty("frameLogs").GetInt32().ShouldBe(2);
        forgotten.Json.GetProperty("cancelled").GetInt32().ShouldBe(0);
        (await ShopperKeysAsync(alice)).ShouldBeEmpty();
        (await KeysMentioningAsync(alice)).ShouldAllBe(key => key.StartsWith(_prefix + "rate:", StringComparison.Ordinal));
        (await ShopperKeysAsync(bob)).Count.ShouldBe(2);
        await aliceSocket.SendAsync(new { action = "resume", requestId = "a-1", sessionId = "s-1", afterSeq = -1 });
        (await aliceSocket.ReadAnswerAsync("a-1")).Terminal.Code.ShouldBe("resume_unavailable");
    }

    [Fact]
    public async Task Forget_stops_the_shoppers_answer_in_progress_first()
    {
        var alice = IdentityEdge.PrincipalOf(_stack, "alice").Id;
        await using var socket = await IdentityEdge.ConnectAsync(_stack.WebSocketUrl, await _tokens.IssueTokenAsync("alice"));
        await socket.SendAsync(new { action = "sendMessage", requestId = "slow", sessionId = "s-1", message = "Pirates? [[tokens:400]] [[tps:50]] tag-forget-slow" });
        (await socket.ReadFrameAsync("slow")).Type.ShouldBe("start");

        await socket.SendAsync(new { action = "forget" });

        (await socket.ReadAnswerAsync("slow")).Terminal.Code.ShouldBe("cancelled");
        var forgotten = JsonDocument.Parse(await WaitForRawAsync(socket, "\"forgotten\"")).RootElement;
        forgotten.GetProperty("cancelled").GetInt32().ShouldBe(1);
        forgotten.GetProperty("requestId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ShopperKeysAsync(alice)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Forget_on_one_instance_stops_the_shoppers_answer_on_another_and_leaves_no_key_behind()
    {
        var alice = IdentityEdge.PrincipalOf(_stack, "alice").Id;
        var second = await _stack.AddInstanceAsync(SharedRedis);
        await using var elsewhere = await IdentityEdge.ConnectAsync(IdentityEdge.WebSocketUrlOf(second), await _tokens.IssueTokenAsync("alice"));
        await using var here = await IdentityEdge.ConnectAsync(_stack.WebSocketUrl, await _tokens.IssueTokenAsync("alice"));
        await elsewhere.SendAsync(new { action = "sendMessage", requestId = "slow", sessionId = "s-1", message = "Pirates? [[tokens:400]] [[tps:50]] tag-forget-remote" });
        (await elsewhere.ReadFrameAsync("slow")).Type.ShouldBe("start");

        await here.SendAsync(new { action = "forget", requestId = "f-1" });

        (await here.ReadFrameAsync("f-1")).Type.ShouldBe("forgotten");
        (await elsewhere.ReadAnswerAsync("slow")).Terminal.Code.ShouldBe("cancelled");
        await Task.Delay(ShopperDataForgetterSweep + TimeSpan.FromSeconds(1));
        (await ShopperKeysAsync(alice)).ShouldBeEmpty();
    }

    private static TimeSpan ShopperDataForgetterSweep => MangaAssist.Orchestrator.Intake.ShopperDataForgetter.SecondSweepDelay;

    [Fact]
    public async Task Delete_me_data_with_a_bearer_token_forgets_that_shopper_and_refuses_without_one()
    {
        var bob = IdentityEdge.PrincipalOf(_stack, "bob").Id;
        var token = await _tokens.IssueTokenAsync("bob");
        await using (var socket = await IdentityEdge.ConnectAsync(_stack.WebSocketUrl, token))
        {
            await AskAsync(socket, "b-1", "s-1");
        }

        using var anonymous = await _stack.Http.DeleteAsync(new Uri(_stack.ServiceUrl, "/v1/me/data"));
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ShopperKeysAsync(bob)).Count.ShouldBe(2);

        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(_stack.ServiceUrl, "/v1/me/data"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _stack.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("deleted").GetProperty("memory").GetInt32().ShouldBe(1);
        body.GetProperty("deleted").GetProperty("frameLogs").GetInt32().ShouldBe(1);
        (await ShopperKeysAsync(bob)).ShouldBeEmpty();
    }

    private static async Task AskAsync(ChatSocket socket, string requestId, string sessionId)
    {
        await socket.SendAsync(new { action = "sendMessage", requestId, sessionId, message = $"Which pirate manga? tag-forget-{requestId}" });
        (await socket.ReadAnswerAsync(requestId)).ShouldKeepTheProtocolPromises().Terminal.Type.ShouldBe("done");
    }

    private static async Task<string> WaitForRawAsync(ChatSocket socket, string contains)
    {
        // Forget waits up to ShopperDataForgetter.StopWait for stopped answers before it erases; on a loaded test
        // machine that and the erase take several seconds, so the bound is generous (a missing frame still fails).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (socket.Received.FirstOrDefault(f => f.Contains(contains, StringComparison.Ordinal)) is { } frame)
            {
                return frame;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No frame with {contains}.");
    }

    /// <summary>The shopper's data keys (memory and frame logs), straight from redis-server.</summary>
    private async Task<List<string>> ShopperKeysAsync(string principal) =>
        [.. (await KeysMentioningAsync(principal)).Where(k => k.StartsWith($"{_prefix}session:{principal}:", StringComparison.Ordinal) || k.StartsWith($"{_prefix}frames:{principal}:", StringComparison.Ordinal))];

    private async Task<List<string>> KeysMentioningAsync(string text)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        var keys = new List<string>();
        await foreach (var key in connection.GetServers().Single().KeysAsync(pattern: _prefix + "*"))
        {
            if (key.ToString().Contains(text, StringComparison.Ordinal))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }
}
