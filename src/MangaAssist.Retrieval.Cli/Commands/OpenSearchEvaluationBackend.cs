using MangaAssist.Emulators.OpenSearch;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary>
/// <c>evaluate --backend opensearch</c>: the OpenSearch retriever (first stage over the wire, the shared second stage
/// in process) against <c>--opensearch-endpoint</c> (loaded by create-index and bulk-index), or against the stand-in
/// started in this process and loaded here (pipeline, index, <c>_bulk</c> with the same embeddings).
/// </summary>
internal sealed class OpenSearchEvaluationBackend : IAsyncDisposable
{
    private readonly WebApplication? _standIn;

    private OpenSearchEvaluationBackend(WebApplication? standIn, IProductRetriever retriever, Uri endpoint)
    {
        _standIn = standIn;
        Retriever = retriever;
        Endpoint = endpoint;
    }

    // The stand-in checks no signature; any static key signs.
    private static readonly Dictionary<string, string?> StandInCredentials = new()
    {
        ["Aws:Credentials:Mode"] = "Static",
        ["Aws:Credentials:AccessKeyId"] = "local-stand-in",
        ["Aws:Credentials:SecretAccessKey"] = "local-stand-in",
    };

    public IProductRetriever Retriever { get; }

    public Uri Endpoint { get; }

    public bool IsStandIn => _standIn is not null;

    public static async Task<OpenSearchEvaluationBackend> StartAsync(Uri? endpoint, ProductCatalog catalog, IEmbeddingGenerator<string, Embedding<float>> generator, RetrievalOptions options, CancellationToken cancellationToken)
    {
        WebApplication? standIn = null;
        if (endpoint is null)
        {
            standIn = OpenSearchEmulatorApp.Create(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Logging:LogLevel:Default=Warning"]);
            await standIn.StartAsync(cancellationToken);
            endpoint = new Uri(standIn.Urls.First());
        }

        var openSearch = new OpenSearchRetrievalOptions { Endpoint = endpoint, SearchTimeout = TimeSpan.FromSeconds(60) };
        var client = CreateIndexCommand.CreateClient(openSearch, standIn is null ? null : StandInCredentials);
        if (standIn is not null)
        {
            await LoadAsync(client, catalog, generator, options.Embeddings, cancellationToken);
        }

        var embedder = new QueryEmbedder(generator, options.Embeddings, NullLogger.Instance);
        var retriever = new OpenSearchRetriever(client, embedder, NullLogger.Instance, new OpenSearchReranker(() => catalog, options.Embedded));
        return new OpenSearchEvaluationBackend(standIn, retriever, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        if (_standIn is not null)
        {
            await _standIn.StopAsync();
            await _standIn.DisposeAsync();
        }
    }

    private static async Task LoadAsync(OpenSearchClient client, ProductCatalog catalog, IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingOptions embedding, CancellationToken cancellationToken)
    {
        var products = catalog.Products;
        var dimensions = embedding.Dimensions;
        var vectors = await DocumentEmbeddings.ComputeAsync(generator, products, embedding.ModelId, dimensions, 16, 4, cancellationToken);
        await client.PutSearchPipelineAsync(cancellationToken);
        await client.CreateIndexAsync(dimensions, cancellationToken);
        for (var start = 0; start < products.Count; start += client.Options.BulkBatchSize)
        {
            var count = Math.Min(client.Options.BulkBatchSize, products.Count - start);
            var result = await client.BulkAsync(products.Skip(start).Take(count).ToList(), vectors.AsMemory(start * dimensions, count * dimensions), dimensions, cancellationToken);
            if (result.Failed > 0)
            {
                throw new InvalidOperationException("Loading the stand-in failed: " + string.Join("; ", result.Errors));
            }
        }
    }
}
