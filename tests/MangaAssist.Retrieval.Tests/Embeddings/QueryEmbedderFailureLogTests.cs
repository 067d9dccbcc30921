using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Embeddings;

/// <summary>A slow or failing Bedrock fails every question of a burst alike: the log says so once per period, with a count.</summary>
public sealed class QueryEmbedderFailureLogTests
{
    private const int FailedEventId = 4004;

    [Fact]
    public async Task RepeatedFailures_WriteOneLinePerPeriod_WithHowManyWereHeldBack()
    {
        var clock = new ManualClock();
        var logs = new RecordingLogger();
        var generator = new FeatureHashingEmbeddingGenerator(256) { Fail = _ => new HttpRequestException("connection refused") };
        var embedder = new QueryEmbedder(generator, new EmbeddingOptions { Dimensions = 256 }, logs, clock);

        for (var i = 0; i < 5; i++)
        {
            (await embedder.EmbedAsync($"question {i}", CancellationToken.None)).ShouldBeNull();
        }

        clock.Advance(QueryEmbedder.FailureLinePeriod - TimeSpan.FromSeconds(1));
        (await embedder.EmbedAsync("question 5", CancellationToken.None)).ShouldBeNull();
        clock.Advance(TimeSpan.FromSeconds(1));
        (await embedder.EmbedAsync("question 6", CancellationToken.None)).ShouldBeNull();

        var lines = logs.Entries.Where(e => e.EventId == FailedEventId).ToList();
        lines.Select(e => e.Values["HeldBack"]).ShouldBe([0, 5]);
    }

    /// <summary>Timestamps in milliseconds that move only when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _now = 1_000;

        public override long TimestampFrequency => 1000;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _now, (long)by.TotalMilliseconds);
    }
}
