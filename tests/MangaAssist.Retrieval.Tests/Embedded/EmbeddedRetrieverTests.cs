using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Retrieval.Tests.Embedded;

public class EmbeddedRetrieverTests
{
    [Fact]
    public async Task SearchAsync_SameQueryTwice_EmbedsOnce()
    {
        var generator = new FeatureHashingEmbeddingGenerator(256);
        var retriever = await CreateAsync(generator);
        var afterBuild = generator.Texts;

        await retriever.SearchAsync(new RetrievalQuery("Crimson Blade"), CancellationToken.None);
        await retriever.SearchAsync(new RetrievalQuery("  crimson   BLADE "), CancellationToken.None);

        (generator.Texts - afterBuild).ShouldBe(1);
    }

    [Fact]
    public async Task SearchAsync_EmbeddingFails_AnswersFromBm25()
    {
        var generator = new FeatureHashingEmbeddingGenerator(256);
        var retriever = await CreateAsync(generator);
        generator.Fail = _ => new HttpRequestException("Bedrock is down");

        var results = await retriever.SearchAsync(new RetrievalQuery("Phantom Detective", 1), CancellationToken.None);

        results.Single().ProductId.ShouldBe("MA-6");
    }

    [Fact]
    public async Task SearchAsync_BlankQuery_IsEmpty()
    {
        var retriever = await CreateAsync(new FeatureHashingEmbeddingGenerator(256));

        (await retriever.SearchAsync(new RetrievalQuery("   "), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchAsync_IndexNotBuilt_AnswersEmptyAfterTheWait()
    {
        var state = new EmbeddedIndexState();
        var options = new RetrievalOptions();
        options.Embedded.NotReadyWait = TimeSpan.Zero;
        var retriever = new EmbeddedHybridRetriever(state, new QueryEmbedder(new FeatureHashingEmbeddingGenerator(256), options.Embeddings, NullLogger.Instance), options.Embedded, NullLogger.Instance);

        (await retriever.SearchAsync(new RetrievalQuery("Crimson Blade"), CancellationToken.None)).ShouldBeEmpty();
        state.IsReady.ShouldBeFalse();
    }

    [Fact]
    public async Task SearchAsync_IndexPublishedWhileWaiting_Answers()
    {
        var state = new EmbeddedIndexState();
        var options = Options();
        options.Embedded.NotReadyWait = TimeSpan.FromMinutes(1);
        var generator = new FeatureHashingEmbeddingGenerator(256);
        var retriever = new EmbeddedHybridRetriever(state, new QueryEmbedder(generator, options.Embeddings, NullLogger.Instance), options.Embedded, NullLogger.Instance);

        var search = retriever.SearchAsync(new RetrievalQuery("Iron Pitcher", 1), CancellationToken.None);
        search.IsCompleted.ShouldBeFalse();
        state.Publish(await EmbeddedIndexBuilder.BuildAsync(new ProductCatalog(TestCatalog.Small()), generator, options, NullLogger.Instance, CancellationToken.None));

        (await search).Single().ProductId.ShouldBe("MA-5");
        state.IsReady.ShouldBeTrue();
    }

    [Fact]
    public async Task Build_EmbedsDocumentsInBatches()
    {
        var generator = new FeatureHashingEmbeddingGenerator(256);
        var options = Options();
        options.Embedded.EmbeddingBatchSize = 4;

        await EmbeddedIndexBuilder.BuildAsync(new ProductCatalog(TestCatalog.Small()), generator, options, NullLogger.Instance, CancellationToken.None);

        generator.Calls.ShouldBe(2);
        generator.Texts.ShouldBe(6);
    }

    [Fact]
    public async Task Build_WithCacheFile_ReusesEmbeddingsAndRecomputesWhenTheCatalogChanges()
    {
        var path = Path.Combine(Path.GetTempPath(), "mangaassist-embeddings-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var options = Options();
            options.Embedded.EmbeddingCachePath = path;
            var first = new FeatureHashingEmbeddingGenerator(256);
            await EmbeddedIndexBuilder.BuildAsync(new ProductCatalog(TestCatalog.Small()), first, options, NullLogger.Instance, CancellationToken.None);
            File.Exists(path).ShouldBeTrue();

            var second = new FeatureHashingEmbeddingGenerator(256);
            var index = await EmbeddedIndexBuilder.BuildAsync(new ProductCatalog(TestCatalog.Small()), second, options, NullLogger.Instance, CancellationToken.None);
            second.Texts.ShouldBe(0);
            index.Search("Iron Pitcher", new float[256], 1, null)[0].ProductId.ShouldBe("MA-5");

            var changed = TestCatalog.Small().Select(p => p.Id == "MA-1" ? p with { SynopsisEn = "Changed." } : p).ToList();
            var third = new FeatureHashingEmbeddingGenerator(256);
            await EmbeddedIndexBuilder.BuildAsync(new ProductCatalog(changed), third, options, NullLogger.Instance, CancellationToken.None);
            third.Texts.ShouldBe(6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LruCache_DropsTheLeastRecentlyUsed()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.TryGet("a", out _).ShouldBeTrue();
        cache.Set("c", 3);

        cache.TryGet("b", out _).ShouldBeFalse();
        cache.TryGet("a", out var a).ShouldBeTrue();
        a.ShouldBe(1);
        cache.Count.ShouldBe(2);
    }

    private static RetrievalOptions Options()
    {
        var options = new RetrievalOptions();
        options.Embeddings.Dimensions = 256;
        return options;
    }

    private static Task<IProductRetriever> CreateAsync(FeatureHashingEmbeddingGenerator generator) =>
        EmbeddedIndexBuilder.BuildRetrieverAsync(new ProductCatalog(TestCatalog.Small()), generator, Options(), CancellationToken.None);
}
