using System.Diagnostics.Metrics;
using System.Text;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using static MangaAssist.Orchestrator.Tests.Support.RecordingConnectionsClient;

namespace MangaAssist.Orchestrator.Tests.Delivery;

public sealed class FramePosterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly byte[] Frame = """{"type":"delta","requestId":"r-1","seq":0,"text":"hi"}"""u8.ToArray();

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingConnectionsClient _connections = new();

    private FramePoster CreateSut(int maxAttempts = 4, double random = 0.5) => new(
        _connections,
        new OutboundSanitizer(),
        Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { MaxAttempts = maxAttempts, RetryBaseDelay = BaseDelay }),
        _time,
        new Randomizer(() => random),
        new ChatTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        NullLogger<FramePoster>.Instance);

    // The backoff's continuation must run inside FakeTimeProvider.Advance, so the next timer exists
    // before the test moves time again; xUnit's synchronization context would defer it.
    private static Task OffTheTestContext(Func<Task> test) => Task.Run(test);

    private static ValueTask<DeliveryResult> PostAsync(FramePoster sut, byte[]? frame = null) =>
        sut.PostAsync("conn-1", frame ?? Frame, "r-1", 0, CancellationToken.None);

    [Fact]
    public async Task PostAsync_Accepted_PostsTheFrameOnce()
    {
        var result = await PostAsync(CreateSut());

        result.ShouldBe(DeliveryResult.Delivered);
        _connections.Payloads.Single().ShouldBe(Frame);
        _connections.ConnectionIds.Single().ShouldBe("conn-1");
    }

    [Fact]
    public Task PostAsync_ThrottledWithHint_RetriesInPlaceAfterTheHint() => OffTheTestContext(async () =>
    {
        _connections.Then(Throttled(TimeSpan.FromMilliseconds(700)));
        var post = PostAsync(CreateSut()).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(699));
        _connections.Frames.Count.ShouldBe(1);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        (await post.WaitAsync(Patience)).ShouldBe(DeliveryResult.Delivered);
        _connections.Payloads.ShouldAllBe(p => p.SequenceEqual(Frame));
        _connections.Frames.Count.ShouldBe(2);
    });

    [Fact]
    public Task PostAsync_ServerErrorsWithoutHint_WaitFullJitterOfADoublingCeiling() => OffTheTestContext(async () =>
    {
        // With the randomizer at 0.5 each wait is half its ceiling: 100 ms, then 200 ms.
        _connections.Then(Failed(503), Throttled(), Delivered);
        var post = PostAsync(CreateSut(random: 0.5)).AsTask();

        _time.Advance(TimeSpan.FromMilliseconds(49));
        _connections.Frames.Count.ShouldBe(1);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _connections.Frames.Count.ShouldBe(2);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        _connections.Frames.Count.ShouldBe(2);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        (await post.WaitAsync(Patience)).ShouldBe(DeliveryResult.Delivered);
        _connections.Frames.Count.ShouldBe(3);
    });

    [Fact]
    public async Task PostAsync_RandomizerAtZero_RetriesWithoutWaiting()
    {
        _connections.Then(Failed(500));

        var result = await PostAsync(CreateSut(random: 0)).AsTask().WaitAsync(Patience);

        result.ShouldBe(DeliveryResult.Delivered);
        _connections.Frames.Count.ShouldBe(2);
    }

    [Fact]
    public async Task PostAsync_NoAnswer_IsNeverRetried()
    {
        // A post that timed out may have been delivered: a second copy would repeat its seq.
        _connections.Then(TimedOut);

        var result = await PostAsync(CreateSut(random: 0));

        result.ShouldBe(DeliveryResult.Failed);
        _connections.Frames.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PostAsync_KeepsFailing_StopsAtMaxAttempts()
    {
        _connections.Then(Failed(502), Failed(502), Failed(502), Failed(502), Failed(502));

        var result = await PostAsync(CreateSut(maxAttempts: 3, random: 0)).AsTask().WaitAsync(Patience);

        result.ShouldBe(DeliveryResult.Failed);
        _connections.Frames.Count.ShouldBe(3);
    }

    [Fact]
    public async Task PostAsync_Gone_ReportsClientGoneWithoutRetrying()
    {
        _connections.Then(Gone);

        var result = await PostAsync(CreateSut(random: 0));

        result.ShouldBe(DeliveryResult.ClientGone);
        _connections.Frames.Count.ShouldBe(1);
    }

    [Fact]
    public async Task PostAsync_EveryFrame_PassesTheSanitizer()
    {
        var sut = CreateSut(random: 0);
        var leaky = Encoding.UTF8.GetBytes("""{"type":"delta","requestId":"r-1","seq":0,"text":"hi","prompt":"secret"}""");
        var vector = Encoding.UTF8.GetBytes($$"""{"type":"citations","requestId":"r-1","seq":1,"embedding":[{{string.Join(',', Enumerable.Range(0, 32))}}]}""");
        _connections.Then(Failed(503));

        await PostAsync(sut, leaky).AsTask().WaitAsync(Patience);
        await PostAsync(sut, vector);

        _connections.Frames.Count.ShouldBe(3);
        _connections.Frames.ShouldAllBe(f => !f.Contains("secret") && !f.Contains("embedding"));
        _connections.Frames[0].ShouldBe("""{"type":"delta","requestId":"r-1","seq":0,"text":"hi"}""");
        _connections.Frames[1].ShouldBe(_connections.Frames[0]);
    }
}
