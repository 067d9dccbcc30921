using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.Emulators.OpenSearch;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Retrieval.Tests.OpenSearchStandIn;

/// <summary>
/// The shipped catalog loaded over HTTP into the OpenSearch stand-in (pipeline, index, _bulk — what create-index and
/// bulk-index send) and the embedded index over the same catalog and the same embedding function, once per run.
/// </summary>
public sealed class StandInFixture : IAsyncLifetime
{
    // The service's size, so both backends search what a default deployment would.
    private static readonly int Dimensions = new EmbeddingOptions().Dimensions;
    private WebApplication? _standIn;

    public ProductCatalog Catalog { get; } = ProductCatalog.LoadShipped();

    public IProductRetriever OverOpenSearch { get; private set; } = null!;

    /// <summary>The embedded index with its defaults (z-score first stage, abstention at the calibrated threshold).</summary>
    public IProductRetriever Embedded { get; private set; } = null!;

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _standIn = OpenSearchEmulatorApp.Create(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Logging:LogLevel:Default=Warning"]);
        await _standIn.StartAsync();
        Endpoint = new Uri(_standIn.Urls.First());

        var generator = new FeatureHashingEmbeddingGenerator();
        // The client's defaults: the embedded index's weights (BM25 0.7, vectors 0.3), min-max over each list's best 100.
        var options = new OpenSearchRetrievalOptions { Endpoint = Endpoint, SearchTimeout = TimeSpan.FromSeconds(60) };
        var client = CreateClient(options);
        var products = Catalog.Products;
        var vectors = await DocumentEmbeddings.ComputeAsync(generator, products, "amazon.titan-embed-text-v2:0", Dimensions, 16, 4, CancellationToken.None);
        await client.PutSearchPipelineAsync(CancellationToken.None);
        await client.CreateIndexAsync(Dimensions, CancellationToken.None);
        for (var start = 0; start < products.Count; start += 200)
        {
            var count = Math.Min(200, products.Count - start);
            var result = await client.BulkAsync(products.Skip(start).Take(count).ToList(), vectors.AsMemory(start * Dimensions, count * Dimensions), Dimensions, CancellationToken.None);
            result.Failed.ShouldBe(0, string.Join("; ", result.Errors));
        }

        // Both backends with their defaults, abstention included: the same second stage ranks either pool.
        var settings = new RetrievalOptions();
        var reranker = new OpenSearchReranker(() => Catalog, settings.Embedded);
        OverOpenSearch = new OpenSearchRetriever(client, new QueryEmbedder(generator, new EmbeddingOptions { Dimensions = Dimensions }, NullLogger.Instance), NullLogger.Instance, reranker);
        Embedded = await EmbeddedIndexBuilder.BuildRetrieverAsync(Catalog, generator, settings, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_standIn is not null)
        {
            await _standIn.StopAsync();
            await _standIn.DisposeAsync();
        }
    }

    internal static OpenSearchClient CreateClient(OpenSearchRetrievalOptions options) => new(
        new OpenSearchTransport(
            new HttpClient(),
            new AwsEndpoint(options.Endpoint!),
            new SigV4Signer(OpenSearchTransport.SigningFor(options.ResolveService(), options.Region)),
            new StaticCredentialsSource(new AwsCredentials("local-stand-in", "local-stand-in", null)),
            TimeProvider.System),
        options);
}

[CollectionDefinition(Name)]
public sealed class StandInCollection : ICollectionFixture<StandInFixture>
{
    public const string Name = "OpenSearch stand-in with the shipped catalog";
}
