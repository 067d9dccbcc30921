using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Extensions;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.ServiceDefaults.Configuration;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Retrieval.Extensions;

/// <summary>Registers MangaAssist product retrieval.</summary>
public static class RetrievalServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IProductRetriever"/> and <see cref="IRetrievalReadiness"/> from <paramref name="section"/>
    /// (the <c>Retrieval</c> section, bound to <see cref="RetrievalOptions"/> and validated at start-up).
    /// With <c>OpenSearch:Endpoint</c> set, retrieval goes to OpenSearch (SigV4 with the registered AWS credentials);
    /// otherwise an embedded hybrid index is built in the background at start-up from the catalog.
    /// Needs an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of strings (for example <c>AddBedrockRuntime</c>).
    /// </summary>
    public static IServiceCollection AddProductRetrieval(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);

        services.AddValidatedOptions<RetrievalOptions>(section, RetrievalOptionsChecks.Check);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProductCatalogSource>();
        services.TryAddSingleton(static provider => new QueryEmbedder(
            provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            provider.GetRequiredService<IOptions<RetrievalOptions>>().Value.Embeddings,
            LoggerFor(provider),
            provider.GetRequiredService<TimeProvider>()));

        if (!string.IsNullOrWhiteSpace(section["OpenSearch:Endpoint"]))
        {
            AddOpenSearch(services);
        }
        else
        {
            AddEmbedded(services);
        }

        return services;
    }

    private static void AddEmbedded(IServiceCollection services)
    {
        services.TryAddSingleton<EmbeddedIndexState>();
        services.TryAddSingleton<IRetrievalReadiness>(static provider => provider.GetRequiredService<EmbeddedIndexState>());
        services.TryAddSingleton<IProductRetriever>(static provider => new EmbeddedHybridRetriever(
            provider.GetRequiredService<EmbeddedIndexState>(),
            provider.GetRequiredService<QueryEmbedder>(),
            provider.GetRequiredService<IOptions<RetrievalOptions>>().Value.Embedded,
            LoggerFor(provider)));
        services.AddHostedService<EmbeddedIndexInitializer>();
    }

    private static void AddOpenSearch(IServiceCollection services)
    {
        // Credentials come from AddAwsCredentials / AddBedrockRuntime (default chain unless configured).
        services.AddAwsCredentials(new ConfigurationBuilder().Build());
        services.TryAddSingleton<IRetrievalReadiness, AlwaysReady>();
        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<RetrievalOptions>>().Value.OpenSearch;
            return new OpenSearchClient(CreateTransport(provider, options), options);
        });
        services.TryAddSingleton(static provider => new OpenSearchReranker(
            () => provider.GetRequiredService<ProductCatalogSource>().Catalog,
            provider.GetRequiredService<IOptions<RetrievalOptions>>().Value.Embedded));
        services.TryAddSingleton<IProductRetriever>(static provider => new OpenSearchRetriever(
            provider.GetRequiredService<OpenSearchClient>(),
            provider.GetRequiredService<QueryEmbedder>(),
            LoggerFor(provider),
            provider.GetRequiredService<OpenSearchReranker>()));
        services.AddHostedService<OpenSearchRerankerWarmUp>();
    }

    internal static OpenSearchTransport CreateTransport(IServiceProvider provider, OpenSearchRetrievalOptions options) => new(
        UpstreamHttpClientFactory.Create(options),
        new AwsEndpoint(options.Endpoint!),
        new SigV4Signer(OpenSearchTransport.SigningFor(options.ResolveService(), options.Region)),
        provider.GetRequiredService<IAwsCredentialsSource>(),
        provider.GetRequiredService<TimeProvider>(),
        options.RequestVersionFor(options.Endpoint!));

    private static ILogger LoggerFor(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger("MangaAssist.Retrieval") ?? NullLogger.Instance;

    private sealed class AlwaysReady : IRetrievalReadiness
    {
        public bool IsReady => true;

        public Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
