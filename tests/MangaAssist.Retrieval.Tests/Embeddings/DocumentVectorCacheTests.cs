using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Tests.Embeddings;

public sealed class DocumentVectorCacheTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mangaassist-vectors-" + Guid.NewGuid().ToString("N"));
    private readonly ListLogger _logger = new();

    [Fact]
    public async Task ServiceDefault_WarmStart_CallsNoEmbeddingModel()
    {
        var cache = VectorCacheFile.ForService(null, Environment(("XDG_CACHE_HOME", _directory)));
        var cold = new FeatureHashingEmbeddingGenerator(256);
        var first = await BuildAsync(cold, cache);

        var warm = new FeatureHashingEmbeddingGenerator(256);
        var second = await BuildAsync(warm, cache);

        cold.Texts.ShouldBe(TestCatalog.Small().Count);
        warm.Calls.ShouldBe(0);
        second.Search("Iron Pitcher", new float[256], 1, null)[0].ProductId.ShouldBe(first.Search("Iron Pitcher", new float[256], 1, null)[0].ProductId);
        Directory.GetFiles(Path.Combine(_directory, "mangaassist")).ShouldHaveSingleItem().ShouldEndWith(".bin", Case.Sensitive, "no temporary file is left behind");
    }

    [Fact]
    public async Task CorruptFile_IsIgnoredWithOneInformationLine_AndRewritten()
    {
        var path = Path.Combine(_directory, "vectors.bin");
        var cache = VectorCacheFile.At(path);
        await BuildAsync(new FeatureHashingEmbeddingGenerator(256), cache);
        var length = new FileInfo(path).Length;
        await using (var file = File.OpenWrite(path))
        {
            file.SetLength(length / 2);
        }

        var rebuilt = new FeatureHashingEmbeddingGenerator(256);
        await BuildAsync(rebuilt, cache);

        rebuilt.Texts.ShouldBe(TestCatalog.Small().Count);
        _logger.Lines.Count(l => l.Level == LogLevel.Information && l.Message.Contains("ignored (truncated or corrupt)", StringComparison.Ordinal)).ShouldBe(1);
        new FileInfo(path).Length.ShouldBe(length);
        (await BuildAsync(new FeatureHashingEmbeddingGenerator(256), cache)).ShouldNotBeNull();
        _logger.Lines.Count(l => l.Message.Contains("ignored", StringComparison.Ordinal)).ShouldBe(1, "the rewritten file is used");
    }

    [Fact]
    public async Task FileForOtherDimensions_IsIgnored_AndRecomputed()
    {
        var path = Path.Combine(_directory, "vectors.bin");
        await BuildAsync(new FeatureHashingEmbeddingGenerator(256), VectorCacheFile.At(path));

        var other = new FeatureHashingEmbeddingGenerator(128);
        await BuildAsync(other, VectorCacheFile.At(path), dimensions: 128);

        other.Texts.ShouldBe(TestCatalog.Small().Count);
        _logger.Lines.ShouldContain(l => l.Level == LogLevel.Information && l.Message.Contains("another catalog, model or size", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    public void ForService_OffOrEmpty_CachesNothing(string configured) =>
        VectorCacheFile.ForService(configured, Environment(("XDG_CACHE_HOME", _directory))).PathFor(new byte[32]).ShouldBeNull();

    [Fact]
    public void ForService_WithoutXdgCacheHome_UsesTheHomeCache() =>
        VectorCacheFile.ForService(null, Environment(("HOME", "/home/shop"))).PathFor(new byte[32])
            .ShouldBe("/home/shop/.cache/mangaassist/document-vectors-0000000000000000.bin");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task<EmbeddedProductIndex> BuildAsync(FeatureHashingEmbeddingGenerator generator, VectorCacheFile cache, int dimensions = 256)
    {
        var options = new RetrievalOptions();
        options.Embeddings.Dimensions = dimensions;
        return EmbeddedIndexBuilder.BuildAsync(new ProductCatalog(TestCatalog.Small()), generator, options, cache, _logger, CancellationToken.None);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private sealed class ListLogger : ILogger
    {
        private readonly List<(LogLevel Level, string Message)> _lines = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
