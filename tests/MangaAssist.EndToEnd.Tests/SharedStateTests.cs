using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// What the instances share through a real redis-server: cached answers, single-flight, limits and
/// resumable streams; and chat that keeps working when Redis goes away.
/// </summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private string[] WithRedis(params string[] more) =>
        [$"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix=e2e-{Guid.NewGuid():N}:", .. more];

    [Fact]
    public async Task SecondIdenticalQuestion_IsReplayedFromTheCacheWithIdenticalTextAndCachedTrue()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis());
        await using var socket = await stack.ConnectAsync();

        await socket.SendAsync(new { action = "sendMessage", requestId = "q-1", sessionId = "first", message = "Which shōnen series are complete? tag-cache" });
        var first = (await socket.ReadAnswerAsync("q-1")).ShouldKeepTheProtocolPromises();
        await socket.SendAsync(new { action = "sendMessage", requestId = "q-2", sessionId = "second", message = "which SHŌNEN series are  complete? tag-cache" });
        var second = (await socket.ReadAnswerAsync("q-2")).ShouldKeepTheProtocolPromises();

        first.Terminal.Json.GetProperty("cached").GetBoolean().ShouldBeFalse();
        second.Terminal.Json.GetProperty("cached").GetBoolean().ShouldBeTrue();
        second.Text.ShouldBe(first.Text);
        second.Frames.Select(f => f.Type).Distinct().ShouldBe(first.Frames.Select(f => f.Type).Distinct());
        (await stack.TranscriptsAsync("tag-cache")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task HundredIdenticalQuestionsOnTwoInstances_CostOneBedrockCallAndAllGetTheSameStream()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis());
        var other = await stack.AddInstanceAsync();
        var sockets = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? stack.ConnectAsync($"shopper-{i}") : other.ConnectAsync($"shopper-{i}")));
        try
        {
            const string question = "Tell me about long-running pirate adventures [[tokens:120]] [[tps:200]] tag-flight";
            await Task.WhenAll(sockets.Select((s, i) => s.SendAsync(new { action = "sendMessage", requestId = $"f-{i}", sessionId = $"session-{i}", message = question })));
            var answers = await Task.WhenAll(sockets.Select((s, i) => s.ReadAnswerAsync($"f-{i}")));

            var model = await stack.TranscriptAsync("tag-flight");
            foreach (var answer in answers)
            {
                answer.ShouldKeepTheProtocolPromises().Terminal.Type.ShouldBe("done", answer.Terminal.Raw);
                answer.Text.ShouldBe(model.Text);
            }

            (await stack.BedrockStatsAsync()).Requests["converseStream"].ShouldBe(1);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ClientThatLostItsSocket_ResumesOnAnotherInstanceWithNoGapAndNoDuplicate()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis("--Resume:DetachedGracePeriod=00:00:30"));
        var other = await stack.AddInstanceAsync();
        // The same shopper on both sockets: a resume belongs to whoever asked.
        var first = await stack.ConnectAsync("traveller");
        await first.SendAsync(new { action = "analyze", requestId = "r-1", sessionId = "traveller", message = "A long comparison [[tokens:400]] [[tps:150]] tag-resume" });
        var before = new List<Frame>();
        while (before.Count(f => f.Type == "delta") < 5)
        {
            before.Add(await first.ReadFrameAsync("r-1"));
        }

        first.Abort();
        await first.DisposeAsync();
        await using var second = await other.ConnectAsync("traveller");
        await second.SendAsync(new { action = "resume", requestId = "r-1", sessionId = "traveller", afterSeq = before[^1].Seq });
        var rest = await second.ReadAnswerAsync("r-1");

        var answer = new Answer("r-1", [.. before, .. rest.Frames]).ShouldKeepTheProtocolPromises();
        answer.Terminal.Type.ShouldBe("done", answer.Terminal.Raw);
        answer.Text.ShouldBe((await stack.TranscriptAsync("tag-resume")).Text);
    }

    [Fact]
    public async Task ResumeAfterTheModelWasStopped_GetsTheFramesUpToTheDropAndAClientGoneError()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis());
        var first = await stack.ConnectAsync();
        await first.SendAsync(new { action = "sendMessage", requestId = "r-2", sessionId = "tunnel", message = "Slow answer [[tokens:400]] [[tps:100]]" });
        var before = new List<Frame> { await first.ReadFrameAsync("r-2"), await first.ReadFrameAsync("r-2") };

        first.Abort();
        await first.DisposeAsync();
        await stack.BedrockStatsWhenAsync(s => s.StreamsAbortedByClient == 1);
        await using var second = await stack.ConnectAsync();
        await second.SendAsync(new { action = "resume", requestId = "r-2", sessionId = "tunnel", afterSeq = before[^1].Seq });
        var rest = await second.ReadAnswerAsync("r-2");

        var answer = new Answer("r-2", [.. before, .. rest.Frames]).ShouldKeepTheProtocolPromises();
        answer.Terminal.Code.ShouldBe("client_gone");
        answer.Terminal.Retryable.ShouldBe(true);
    }

    [Fact]
    public async Task ResumeOfAnUnknownAnswer_EndsWithResumeUnavailableAfterTheClientsLastSeq()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis());
        await using var socket = await stack.ConnectAsync();

        await socket.SendAsync(new { action = "resume", requestId = "never", sessionId = "s", afterSeq = 6 });
        var frame = (await socket.ReadAnswerAsync("never")).Frames.ShouldHaveSingleItem();

        frame.Code.ShouldBe("resume_unavailable");
        frame.Seq.ShouldBe(7);
    }

    [Fact]
    public async Task MessageLimit_IsSharedByTwoInstances()
    {
        string[] limits = ["--SharedState:RateLimits:UserMessages:Capacity=3", "--SharedState:RateLimits:UserMessages:RefillPerSecond=0.001"];
        await using var stack = await EdgeStack.StartAsync(service: WithRedis(limits));
        var other = await stack.AddInstanceAsync();
        // One shopper on two instances: the limit is the shopper's, wherever the socket lands.
        await using var a = await stack.ConnectAsync("chatty");
        await using var b = await other.ConnectAsync("chatty");

        var codes = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var socket = i % 2 == 0 ? a : b;
            await socket.SendAsync(new { action = "sendMessage", requestId = $"l-{i}", sessionId = "chatty", message = $"Question {i}" });
            var answer = (await socket.ReadAnswerAsync($"l-{i}")).ShouldKeepTheProtocolPromises();
            codes.Add(answer.Terminal.Code ?? answer.Terminal.Type);
        }

        codes.ShouldBe(["done", "done", "done", "rate_limited"]);
    }

    [Fact]
    public async Task AnalyzeWhileRedisIsDown_IsRefusedAsRetryableAnalysisUnavailable_NotAsAnInternalError()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis());
        await using var socket = await stack.ConnectAsync();
        await _redis.KillAsync();

        await socket.SendAsync(new { action = "analyze", requestId = "an-down", sessionId = "s-down", message = "Compare two long series [[tokens:5]]" });
        var answer = (await socket.ReadAnswerAsync("an-down")).ShouldKeepTheProtocolPromises();

        answer.Terminal.Code.ShouldBe("analysis_unavailable");
        answer.Terminal.Json.GetProperty("retryable").GetBoolean().ShouldBeTrue();
        answer.Terminal.Json.GetProperty("retryAfterMs").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task RedisKilledMidRunAndRestarted_NoChatFailsAndSharingComesBack()
    {
        await using var stack = await EdgeStack.StartAsync(service: WithRedis());
        await using var socket = await stack.ConnectAsync();
        async Task<Answer> AskAsync(string id, string session, string text)
        {
            await socket.SendAsync(new { action = "sendMessage", requestId = id, sessionId = session, message = text });
            return (await socket.ReadAnswerAsync(id)).ShouldKeepTheProtocolPromises();
        }

        (await AskAsync("k-0", "k0", "Before the outage tag-outage")).Terminal.Type.ShouldBe("done");
        await _redis.KillAsync();
        for (var i = 1; i <= 10; i++)
        {
            (await AskAsync($"k-{i}", $"k{i}", $"During the outage {i}")).Terminal.Type.ShouldBe("done");
        }

        await _redis.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var cachedAgain = false;
        for (var i = 0; !cachedAgain && DateTime.UtcNow < deadline; i++)
        {
            // Redis came back empty: the first answer stores, a later one is a hit once the circuit has closed.
            var answer = await AskAsync($"after-{i}", $"after-{i}", "After the outage tag-after");
            answer.Terminal.Type.ShouldBe("done");
            cachedAgain = answer.Terminal.Json.GetProperty("cached").GetBoolean() && i > 0;
            await Task.Delay(200);
        }

        cachedAgain.ShouldBeTrue();
    }
}

/// <summary>A post that times out may have been delivered: it is never sent twice, and the answer stays resumable.</summary>
public sealed class AmbiguousDeliveryTests
{
    [Fact]
    public async Task PostThatTimedOut_IsNotRetriedAndTheWholeAnswerIsResumable()
    {
        await using var stack = await EdgeStack.StartAsync(service: ["--ApiGatewayManagement:RequestTimeout=00:00:00.200"]);
        await using var socket = await stack.ConnectAsync();
        await stack.SetGatewayFaultsAsync(new { postToConnectionDelayMs = 600, seed = 3 });

        await socket.SendAsync(new { action = "sendMessage", requestId = "slow-post", sessionId = "s-slow", message = "Hello [[tokens:30]]" });
        // Let the first post (start) time out on the service's side (200 ms) and the delayed delivery (600 ms)
        // pass. The gateway drops a post whose caller hung up when it notices in time; on a busy machine it
        // may not, and then the start arrives after all, as it can from API Gateway. Either way the client
        // resumes after the last seq it has, as a client should.
        await Task.Delay(1500);
        (await stack.Http.DeleteAsync(new Uri(stack.GatewayUrl, "/_emulator/faults"))).EnsureSuccessStatusCode();
        var lastSeq = socket.PendingFrames("slow-post") > 0 ? 0 : -1;
        await socket.SendAsync(new { action = "resume", requestId = "slow-post", sessionId = "s-slow", afterSeq = lastSeq });
        var answer = (await socket.ReadAnswerAsync("slow-post")).ShouldKeepTheProtocolPromises();

        // The first post timed out; the service did not post it again, stopped the model, and
        // closed the log: the client gets every frame once, through resume, and a clear end.
        answer.Frames[0].Type.ShouldBe("start");
        answer.Terminal.Type.ShouldBe("error");
        answer.Terminal.Retryable.ShouldBe(true);
    }
}
