using Microsoft.Extensions.Hosting;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// Builds the second stage's catalog model in the background at start-up (a second or two), so the first search does
/// not spend the service's retrieval time on it.
/// </summary>
internal sealed class OpenSearchRerankerWarmUp(OpenSearchReranker reranker) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(reranker.WarmUp, stoppingToken);
}
