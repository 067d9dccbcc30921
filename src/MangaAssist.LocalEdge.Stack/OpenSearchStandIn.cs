using MangaAssist.Aws.Extensions;
using MangaAssist.Emulators.OpenSearch;
using MangaAssist.Emulators.OpenSearch.Engine;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>
/// The OpenSearch stand-in of a loopback stack, loaded over its own REST API with the shipped catalog and the
/// Bedrock emulator's embeddings before any service starts, so every answer's retrieval travels the OpenSearch wire.
/// </summary>
internal sealed class OpenSearchStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpenSearchStandIn(WebApplication app) => _app = app;

    public SearchLedger Ledger => OpenSearchEmulatorApp.GetSearchLedger(_app);

    public static async Task<OpenSearchStandIn> StartAsync(Uri url, Uri bedrockUrl, IEnumerable<string> args)
    {
        var app = OpenSearchEmulatorApp.Create([$"--urls={url}", "--environment=Development", .. args]);
        await app.StartAsync();
        var standIn = new OpenSearchStandIn(app);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Aws:Credentials:Mode"] = "Static",
                ["Aws:Credentials:AccessKeyId"] = "AKIDLOOPBACK",
                ["Aws:Credentials:SecretAccessKey"] = "loopback-secret",
                ["Bedrock:Endpoint"] = bedrockUrl.ToString(),
            }).Build();
            var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging();
            services.AddAwsCredentials(configuration.GetSection("Aws:Credentials"));
            services.AddBedrockRuntime(configuration.GetSection("Bedrock"));
            await using var provider = services.BuildServiceProvider();
            await OpenSearchCatalogLoader.LoadAsync(provider, new OpenSearchRetrievalOptions { Endpoint = url }, ProductCatalog.LoadShipped(), new EmbeddingOptions(), CancellationToken.None);
            return standIn;
        }
        catch
        {
            await standIn.DisposeAsync();
            throw;
        }
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
