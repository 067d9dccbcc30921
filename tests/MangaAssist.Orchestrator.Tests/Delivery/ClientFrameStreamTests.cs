using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.ResponseCache;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.SharedState.FrameLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using static MangaAssist.Orchestrator.Tests.Support.RecordingConnectionsClient;

namespace MangaAssist.Orchestrator.Tests.Delivery;

public sealed class ClientFrameStreamTests
{
    private const string LogKey = "s-1:r-1";
    private static readonly ErrorFrame Interrupted = new(ErrorCodes.StreamInterrupted, "The answer broke off.", Retryable: true);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly RecordingConnectionsClient _connections = new();
    private readonly IFrameLog _frameLog = new ServiceCollection()
        .AddSharedState(new ConfigurationBuilder().Build())
        .BuildServiceProvider()
        .GetRequiredService<IFrameLog>();

    private ClientFrameStream CreateSut(long firstSeq = 0, int maxFrameBytes = 32 * 1024, bool withLog = false, Func<bool>? detachWhenGone = null)
    {
        var poster = new FramePoster(
            _connections,
            new OutboundSanitizer(),
            Microsoft.Extensions.Options.Options.Create(new DeliveryOptions { MaxAttempts = 1 }),
            new FakeTimeProvider(),
            new Randomizer(() => 0),
            new ChatTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            NullLogger<FramePoster>.Instance);
        var log = withLog ? new FrameLogWriter(_frameLog, LogKey) : null;
        return new ClientFrameStream("conn-1", "r-1", poster, new StreamingOptions { MaxFrameBytes = maxFrameBytes }, log, detachWhenGone, firstSeq);
    }

    private static JsonElement Parse(string frame) => JsonDocument.Parse(frame).RootElement;

    private IReadOnlyList<JsonElement> Posted => [.. _connections.Frames.Select(Parse)];

    private async Task<List<LoggedFrame>> ReadLogAsync()
    {
        var frames = new List<LoggedFrame>();
        await foreach (var frame in _frameLog.ReadAfterAsync(LogKey, -1).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            frames.Add(frame);
        }

        return frames;
    }

    [Fact]
    public async Task Send_FromFirstSeq_NumbersEveryFrameOneHigher()
    {
        var sut = CreateSut(firstSeq: 7);

        await sut.SendStartAsync("model-a", default);
        await sut.SendDeltaAsync("Hello", default);
        await sut.SendDeltaAsync(" world", default);
        await sut.SendCitationsAsync([new AnswerCitation("c-1", "One Piece 1", "https://example.test/1")], default);
        await sut.SendDoneAsync("end_turn", new AnswerUsage(3, 4), cached: false, "model-a", default);

        Posted.Select(f => f.GetProperty("seq").GetInt64()).ShouldBe([7, 8, 9, 10, 11]);
        Posted.Select(f => f.GetProperty("type").GetString()).ShouldBe(["start", "delta", "delta", "citations", "done"]);
        sut.NextSeq.ShouldBe(12);
    }

    [Fact]
    public async Task SendDeltaAsync_LongText_SplitsIntoFramesWithinTheLimitOnCodePointBoundaries()
    {
        var random = new Random(1234);
        var text = string.Concat(Enumerable.Range(0, 20).Select(_ => RandomText.Next(random, maxPieces: 400)));
        var sut = CreateSut(firstSeq: 1, maxFrameBytes: 512);

        (await sut.SendDeltaAsync(text, default)).ShouldBe(DeliveryResult.Delivered);

        _connections.Payloads.Count.ShouldBeGreaterThan(4);
        _connections.Payloads.ShouldAllBe(p => p.Length <= 512);
        var pieces = _connections.Payloads.Select(p => Parse(StrictUtf8.GetString(p)).GetProperty("text").GetString()!).ToList();
        pieces.ShouldAllBe(piece => piece.Length > 0 && !char.IsLowSurrogate(piece[0]) && !char.IsHighSurrogate(piece[piece.Length - 1]));
        string.Concat(pieces).ShouldBe(text);
        Posted.Select(f => f.GetProperty("seq").GetInt64()).ShouldBe(Enumerable.Range(1, pieces.Count).Select(i => (long)i));
        sut.NextSeq.ShouldBe(pieces.Count + 1);
    }

    [Fact]
    public async Task SendDoneAsync_AfterATerminalFrame_Throws()
    {
        var sut = CreateSut();
        await sut.SendStartAsync("model-a", default);
        await sut.SendDoneAsync("end_turn", null, cached: false, "model-a", default);

        await Should.ThrowAsync<InvalidOperationException>(async () => await sut.SendErrorAsync(Interrupted, default));
        await Should.ThrowAsync<InvalidOperationException>(async () => await sut.SendDoneAsync("end_turn", null, cached: false, "model-a", default));

        _connections.Frames.Count.ShouldBe(2);
        sut.TerminalSent.ShouldBeTrue();
    }

    [Fact]
    public async Task SendErrorAsync_AfterDeliveredText_MarksThePartialAnswer()
    {
        var sut = CreateSut();
        await sut.SendStartAsync("model-a", default);
        await sut.SendDeltaAsync("Half an ans", default);

        await sut.SendErrorAsync(Interrupted, default);

        var error = Posted[^1];
        error.GetProperty("type").GetString().ShouldBe("error");
        error.GetProperty("partial").GetBoolean().ShouldBeTrue();
        sut.DeliveredText.ShouldBeTrue();
    }

    [Fact]
    public async Task SendErrorAsync_BeforeAnyText_IsNotPartial()
    {
        var sut = CreateSut();
        await sut.SendStartAsync("model-a", default);

        await sut.SendErrorAsync(Interrupted, default);

        Posted[^1].GetProperty("partial").GetBoolean().ShouldBeFalse();
        sut.DeliveredText.ShouldBeFalse();
    }

    [Fact]
    public async Task Send_ClientGoneWithDetach_GoesOnIntoTheFrameLogOnly()
    {
        _connections.Then(Delivered, Gone);
        var sut = CreateSut(withLog: true, detachWhenGone: () => true);

        await sut.SendStartAsync("model-a", default);
        (await sut.SendDeltaAsync("Hello", default)).ShouldBe(DeliveryResult.Delivered);
        (await sut.SendDeltaAsync(" world", default)).ShouldBe(DeliveryResult.Delivered);
        (await sut.SendDoneAsync("end_turn", null, cached: false, "model-a", default)).ShouldBe(DeliveryResult.Delivered);

        sut.Detached.ShouldBeTrue();
        _connections.Frames.Count.ShouldBe(2);
        var logged = await ReadLogAsync();
        logged.Select(f => f.Seq).ShouldBe([0, 1, 2, 3]);
        logged[^1].IsTerminal.ShouldBeTrue();
        var text = logged.Select(f => Parse(Encoding.UTF8.GetString(f.Frame.Span)))
            .Where(f => f.GetProperty("type").GetString() == "delta")
            .Select(f => f.GetProperty("text").GetString());
        string.Concat(text).ShouldBe("Hello world");
    }

    [Fact]
    public async Task Send_ClientGoneWithoutDetach_StopsPosting()
    {
        _connections.Then(Delivered, Gone);
        var sut = CreateSut();

        await sut.SendStartAsync("model-a", default);
        (await sut.SendDeltaAsync("Hello", default)).ShouldBe(DeliveryResult.ClientGone);
        (await sut.SendDeltaAsync(" world", default)).ShouldBe(DeliveryResult.ClientGone);

        sut.State.ShouldBe(DeliveryResult.ClientGone);
        sut.Detached.ShouldBeFalse();
        _connections.Frames.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Send_FailedWithoutLog_DoesNotConsumeTheSeq()
    {
        _connections.Then(Delivered, TimedOut);
        var sut = CreateSut(firstSeq: 3);

        await sut.SendStartAsync("model-a", default);
        (await sut.SendDeltaAsync("Hello", default)).ShouldBe(DeliveryResult.Failed);

        sut.NextSeq.ShouldBe(4);
    }

    [Fact]
    public async Task Send_FailedWithLog_ConsumesTheSeqTheLogHolds()
    {
        _connections.Then(Delivered, TimedOut);
        var sut = CreateSut(withLog: true);

        await sut.SendStartAsync("model-a", default);
        (await sut.SendDeltaAsync("Hello", default)).ShouldBe(DeliveryResult.Failed);
        await sut.CloseLogAsync(Interrupted);

        sut.NextSeq.ShouldBe(3);
        var logged = await ReadLogAsync();
        logged.Select(f => f.Seq).ShouldBe([0, 1, 2]);
        Parse(Encoding.UTF8.GetString(logged[2].Frame.Span)).GetProperty("partial").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Send_WriteAhead_HeldBackFramesArePostedBeforeTheNextAfterItsWrite()
    {
        var sut = CreateSut(withLog: true);
        sut.LogBeforePost = true;

        await sut.SendStartAsync("model-a", default);
        (await sut.SendDeltaAsync("Hello", default, deferPost: true)).ShouldBe(DeliveryResult.Delivered);
        await sut.SendCitationsAsync([new AnswerCitation("c-1", "One Piece 1", "https://example.test/1")], default);
        var postedBeforeDone = _connections.Frames.Count;
        await sut.SendDoneAsync("end_turn", null, cached: false, "model-a", default);

        postedBeforeDone.ShouldBe(1);
        Posted.Select(f => f.GetProperty("type").GetString()).ShouldBe(["start", "delta", "citations", "done"]);
        Posted.Select(f => f.GetProperty("seq").GetInt64()).ShouldBe([0, 1, 2, 3]);
        (await ReadLogAsync()).Select(f => f.Seq).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public async Task FlushAsync_PostsTheHeldBackFrames_WhenNoFrameFollowsHere()
    {
        var sut = CreateSut(withLog: true);
        sut.LogBeforePost = true;
        await sut.SendStartAsync("model-a", default);
        await sut.SendDeltaAsync("Hello", default, deferPost: true);

        (await sut.FlushAsync(default)).ShouldBe(DeliveryResult.Delivered);

        Posted.Select(f => f.GetProperty("type").GetString()).ShouldBe(["start", "delta"]);
        sut.NextSeq.ShouldBe(2);
    }

    [Fact]
    public async Task Send_WithoutWriteAhead_PostsAtOnceWhateverIsHeldBack()
    {
        var sut = CreateSut(withLog: true);

        await sut.SendStartAsync("model-a", default);
        await sut.SendDeltaAsync("Hello", default, deferPost: true);

        Posted.Select(f => f.GetProperty("type").GetString()).ShouldBe(["start", "delta"]);
    }
}
