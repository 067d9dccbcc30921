using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// Puts the search pipeline, creates the index unless it exists and bulk-indexes a catalog with its embeddings: what
/// <c>create-index</c> and <c>bulk-index</c> do, in one call, for local stacks and tests that run over the OpenSearch wire.
/// </summary>
public static class OpenSearchCatalogLoader
{
    /// <param name="services">Registered AWS credentials (<c>AddAwsCredentials</c>), a <see cref="TimeProvider"/> and the
    /// embedding generator (<c>AddBedrockRuntime</c>).</param>
    /// <returns>How many documents were indexed.</returns>
    /// <exception cref="InvalidOperationException">An item of a bulk request failed.</exception>
    public static async Task<int> LoadAsync(IServiceProvider services, OpenSearchRetrievalOptions options, ProductCatalog catalog, EmbeddingOptions embedding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(embedding);
        if (options.Endpoint is null)
        {
            throw new ArgumentException("OpenSearch:Endpoint is not set.", nameof(options));
        }

        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        using var transport = new OpenSearchTransport(
            UpstreamHttpClientFactory.Create(options),
            new AwsEndpoint(options.Endpoint),
            new SigV4Signer(OpenSearchTransport.SigningFor(options.ResolveService(), options.Region)),
            services.GetRequiredService<IAwsCredentialsSource>(),
            services.GetRequiredService<TimeProvider>(),
            options.RequestVersionFor(options.Endpoint));
        var client = new OpenSearchClient(transport, options);
        var products = catalog.Products;
        var dimensions = embedding.Dimensions;
        var vectors = await DocumentEmbeddings.ComputeAsync(generator, products, embedding.ModelId, dimensions, 16, 4, cancellationToken).ConfigureAwait(false);
        await client.PutSearchPipelineAsync(cancellationToken).ConfigureAwait(false);
        if (!await client.IndexExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await client.CreateIndexAsync(dimensions, cancellationToken).ConfigureAwait(false);
        }

        var indexed = 0;
        for (var start = 0; start < products.Count; start += options.BulkBatchSize)
        {
            var count = Math.Min(options.BulkBatchSize, products.Count - start);
            var result = await client.BulkAsync([.. products.Skip(start).Take(count)], vectors.AsMemory(start * dimensions, count * dimensions), dimensions, cancellationToken).ConfigureAwait(false);
            indexed += result.Succeeded;
            if (result.Failed > 0)
            {
                throw new InvalidOperationException($"{result.Failed} documents were not indexed: {string.Join("; ", result.Errors)}");
            }
        }

        return indexed;
    }
}
