using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.SharedState.Tests.Support;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// Two shoppers, two instances, one real redis-server: shopper B cannot resume, cancel or borrow the memory of
/// shopper A's requests and sessions, on A's instance or another, and gets exactly what an id never used gets.
/// </summary>
public sealed class IsolationTests : IAsyncLifetime
{
    private const string Personal = "My name is Hanako Yamada and I live at 1-2-3 Ginza.";
    private RedisServer _redis = null!;
    private EdgeStack _stack = null!;
    private EdgeInstance _second = null!;
    private DevTokenClient _tokens = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        string[] shared = [$"--Redis:Configuration={_redis.Configuration}", $"--Redis:KeyPrefix=e2e-{Guid.NewGuid():N}:"];
        _stack = await EdgeStack.StartAsync(service: shared);
        _second = await _stack.AddInstanceAsync(shared);
        _tokens = IdentityEdge.Tokens(_stack);
    }

    public async Task DisposeAsync()
    {
        _tokens.Dispose();
        await _stack.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private async Task<ChatSocket> ShopperAsync(string subject, bool secondInstance = false) => await IdentityEdge.ConnectAsync(
        secondInstance ? IdentityEdge.WebSocketUrlOf(_second) : _stack.WebSocketUrl, await _tokens.IssueTokenAsync(subject));

    [Fact]
    public async Task B_resuming_As_answer_gets_the_unknown_request_answer_on_every_instance_while_A_can_resume_it_anywhere()
    {
        await using var alice = await ShopperAsync("alice");
        await alice.SendAsync(new { action = "sendMessage", requestId = "c-1", sessionId = "s-1", message = Personal + " Which pirate manga? tag-iso-resume" });
        var original = (await alice.ReadAnswerAsync("c-1")).ShouldKeepTheProtocolPromises();
        var answerStart = original.Text[..20];

        foreach (var secondInstance in new[] { false, true })
        {
            await using var bob = await ShopperAsync("bob", secondInstance);
            await bob.SendAsync(new { action = "resume", requestId = "c-1", sessionId = "s-1", afterSeq = -1 });
            var foreign = (await bob.ReadAnswerAsync("c-1")).Frames.ShouldHaveSingleItem();
            await bob.SendAsync(new { action = "resume", requestId = "never-used", sessionId = "s-never", afterSeq = -1 });
            var unknown = (await bob.ReadAnswerAsync("never-used")).Frames.ShouldHaveSingleItem();

            foreign.Code.ShouldBe("resume_unavailable");
            foreign.Raw.Replace("\"c-1\"", "\"never-used\"", StringComparison.Ordinal).ShouldBe(unknown.Raw);
            bob.Received.ShouldNotContain(frame => frame.Contains("Hanako", StringComparison.Ordinal) || frame.Contains(answerStart, StringComparison.Ordinal));
        }

        await using var aliceElsewhere = await ShopperAsync("alice", secondInstance: true);
        await aliceElsewhere.SendAsync(new { action = "resume", requestId = "c-1", sessionId = "s-1", afterSeq = -1 });
        (await aliceElsewhere.ReadAnswerAsync("c-1")).Text.ShouldBe(original.Text);
    }

    [Fact]
    public async Task B_cancelling_As_answer_gets_unknown_request_and_As_answer_goes_on()
    {
        await using var alice = await ShopperAsync("alice");
        await alice.SendAsync(new { action = "sendMessage", requestId = "c-slow", sessionId = "s-1", message = "Pirates? [[tokens:200]] [[tps:100]] tag-iso-cancel" });
        (await alice.ReadFrameAsync("c-slow")).Type.ShouldBe("start");

        foreach (var secondInstance in new[] { false, true })
        {
            await using var bob = await ShopperAsync("bob", secondInstance);
            await bob.SendAsync(new { action = "cancel", requestId = "c-slow" });
            var foreign = (await bob.ReadAnswerAsync("c-slow")).Frames.ShouldHaveSingleItem();
            await bob.SendAsync(new { action = "cancel", requestId = "never-used" });
            var unknown = (await bob.ReadAnswerAsync("never-used")).Frames.ShouldHaveSingleItem();

            foreign.Code.ShouldBe("unknown_request");
            foreign.Raw.Replace("c-slow", "never-used", StringComparison.Ordinal).ShouldBe(unknown.Raw);
        }

        // The start frame was read above; the rest of the answer still arrives, in order, to its done.
        var rest = await alice.ReadAnswerAsync("c-slow");
        rest.Frames.Select(f => f.Seq).ShouldBe(Enumerable.Range(1, rest.Frames.Count).Select(i => (long)i));
        rest.Terminal.Type.ShouldBe("done");
    }

    [Fact]
    public async Task B_asking_in_As_session_gets_none_of_As_memory_on_any_instance()
    {
        await using var alice = await ShopperAsync("alice");
        await alice.SendAsync(new { action = "sendMessage", requestId = "m-1", sessionId = "s-mem", message = Personal + " Recommend a pirate manga. tag-iso-mem" });
        await alice.ReadAnswerAsync("m-1");
        const string question = "What should I read next? tag-iso-next";

        await alice.SendAsync(new { action = "sendMessage", requestId = "m-2", sessionId = "s-mem", message = question });
        var withMemory = InputTokens(await alice.ReadAnswerAsync("m-2"));
        await using var bob = await ShopperAsync("bob");
        await bob.SendAsync(new { action = "sendMessage", requestId = "m-3", sessionId = "s-fresh", message = question });
        var withoutMemory = InputTokens(await bob.ReadAnswerAsync("m-3"));
        await using var bobElsewhere = await ShopperAsync("bob", secondInstance: true);
        await bobElsewhere.SendAsync(new { action = "sendMessage", requestId = "m-4", sessionId = "s-mem", message = question });
        var bobInAlicesSession = InputTokens(await bobElsewhere.ReadAnswerAsync("m-4"));

        withMemory.ShouldBeGreaterThan(withoutMemory);
        bobInAlicesSession.ShouldBe(withoutMemory);
        (await _stack.TranscriptsAsync("tag-iso-next")).ShouldNotContain(t => t.Text.Contains("Hanako", StringComparison.Ordinal));
    }

    private static long InputTokens(Answer answer) =>
        answer.ShouldKeepTheProtocolPromises().Terminal.Json.GetProperty("usage").GetProperty("inputTokens").GetInt64();
}
