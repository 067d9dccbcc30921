using System.Diagnostics;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Builds the embedded index in the background once the host has started, so start-up and the first requests are
/// never blocked by it. Document vectors come from the service's vector cache (<see cref="VectorCacheFile.ForService"/>)
/// when it is warm, so a restart does not depend on the embedding model. A failed build (Bedrock not reachable yet, for example) is retried with capped exponential
/// backoff until it succeeds or the host stops.
/// </summary>
internal sealed class EmbeddedIndexInitializer(
    EmbeddedIndexState state,
    ProductCatalogSource catalog,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IOptions<RetrievalOptions> options,
    TimeProvider time,
    ILogger<EmbeddedIndexInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        // One embedding call per product would each export a client and a server span (thousands per start-up): an
        // unsampled ambient parent keeps them, and through traceparent the model's side too, out of every trace.
        using var untraced = new Activity("MangaAssist.Retrieval.BuildIndex").Start();
        var delay = TimeSpan.FromMilliseconds(250);
        var cache = VectorCacheFile.ForService(options.Value.Embedded.EmbeddingCachePath, Environment.GetEnvironmentVariable);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var index = await EmbeddedIndexBuilder.BuildAsync(catalog.Catalog, generator, options.Value, cache, logger, stoppingToken).ConfigureAwait(false);
                index.WarmUp();
                state.Publish(index);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.IndexBuildFailed(logger, attempt, delay.TotalMilliseconds, exception);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.Embedded.MaxRetryDelay.Ticks));
        }
    }
}

/// <summary>The catalog the service retrieves from, loaded once (shipped or <see cref="RetrievalOptions.CatalogPath"/>).</summary>
public sealed class ProductCatalogSource(IOptions<RetrievalOptions> options)
{
    private readonly Lazy<ProductCatalog> _catalog = new(() =>
        string.IsNullOrEmpty(options.Value.CatalogPath) ? ProductCatalog.LoadShipped() : ProductCatalog.LoadFile(options.Value.CatalogPath));

    public ProductCatalog Catalog => _catalog.Value;
}
