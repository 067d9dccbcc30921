using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Tests.Support;

/// <summary>The embedded index over the shipped catalog with the emulator's embedding function, built once per test run.</summary>
public sealed class ShippedIndexFixture : IAsyncLifetime
{
    public ProductCatalog Catalog { get; } = ProductCatalog.LoadShipped();

    public IReadOnlyList<EvaluationQuery> Queries { get; } = EvaluationSet.LoadShipped();

    public IProductRetriever Retriever { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Retriever = await EmbeddedIndexBuilder.BuildRetrieverAsync(Catalog, new FeatureHashingEmbeddingGenerator(), new RetrievalOptions(), CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ShippedIndexCollection : ICollectionFixture<ShippedIndexFixture>
{
    public const string Name = "shipped index";
}
