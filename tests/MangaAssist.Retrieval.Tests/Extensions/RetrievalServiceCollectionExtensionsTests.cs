using MangaAssist.Aws.Extensions;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Extensions;
using MangaAssist.Retrieval.OpenSearch;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MangaAssist.Retrieval.Tests.Extensions;

public class RetrievalServiceCollectionExtensionsTests
{
    [Fact]
    public void AddProductRetrieval_WithoutOpenSearchEndpoint_UsesTheEmbeddedIndex()
    {
        using var provider = Build([]);

        provider.GetRequiredService<IProductRetriever>().ShouldBeOfType<EmbeddedHybridRetriever>();
        provider.GetServices<IHostedService>().ShouldContain(s => s is EmbeddedIndexInitializer);
        provider.GetRequiredService<IRetrievalReadiness>().IsReady.ShouldBeFalse();
    }

    [Fact]
    public void AddProductRetrieval_WithOpenSearchEndpoint_UsesOpenSearch()
    {
        using var provider = Build(new()
        {
            ["Retrieval:OpenSearch:Endpoint"] = "https://abc123.us-east-1.aoss.amazonaws.com",
            ["Aws:Credentials:Mode"] = "Static",
            ["Aws:Credentials:AccessKeyId"] = "AKID",
            ["Aws:Credentials:SecretAccessKey"] = "secret",
        });

        provider.GetRequiredService<IProductRetriever>().ShouldBeOfType<OpenSearchRetriever>();
        provider.GetServices<IHostedService>().ShouldNotContain(s => s is EmbeddedIndexInitializer);
        provider.GetRequiredService<IRetrievalReadiness>().IsReady.ShouldBeTrue();
    }

    [Fact]
    public void Options_InvalidValues_AreAllReportedWithTheirKeys()
    {
        using var provider = Build(new()
        {
            ["Retrieval:Embedded:Bm25Weight"] = "0",
            ["Retrieval:Embedded:VectorWeight"] = "0",
            ["Retrieval:Embedded:CandidateCount"] = "1",
            ["Retrieval:Embeddings:QueryCacheSize"] = "-1",
            ["Retrieval:CatalogPath"] = "/no/such/catalog.json",
            ["Retrieval:OpenSearch:Endpoint"] = "https://search-x.us-east-1.es.amazonaws.com",
            ["Retrieval:OpenSearch:Engine"] = "lucene-typo",
            ["Retrieval:OpenSearch:Service"] = "s3",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RetrievalOptions>>().Value);

        var message = string.Join('\n', error.Failures);
        message.ShouldContain("Retrieval:Embedded: Bm25Weight and VectorWeight cannot both be 0.");
        message.ShouldContain("Retrieval:Embedded:CandidateCount");
        message.ShouldContain("Retrieval:Embeddings:QueryCacheSize");
        message.ShouldContain("Retrieval:CatalogPath: the file '/no/such/catalog.json' does not exist.");
        message.ShouldContain("Retrieval:OpenSearch:Engine: 'lucene-typo'");
        message.ShouldContain("Retrieval:OpenSearch:Service: 's3'");
    }

    [Fact]
    public async Task Host_BuildsTheIndexInTheBackground_AndBecomesReady()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Retrieval:Embeddings:Dimensions"] = "256" });
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FeatureHashingEmbeddingGenerator());
        builder.Services.AddProductRetrieval(builder.Configuration.GetSection("Retrieval"));
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var readiness = host.Services.GetRequiredService<IRetrievalReadiness>();
            (await readiness.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeTrue();
            var results = await host.Services.GetRequiredService<IProductRetriever>().SearchAsync(new RetrievalQuery("おすすめの少年漫画は？", 3), CancellationToken.None);
            results.Count.ShouldBe(3);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Initializer_RetriesUntilTheEmbeddingServiceAnswers()
    {
        var generator = new FeatureHashingEmbeddingGenerator();
        var failures = 2;
        generator.Fail = _ => Interlocked.Decrement(ref failures) >= 0 ? new HttpRequestException("connection refused") : null;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retrieval:Embeddings:Dimensions"] = "256",
            ["Retrieval:Embedded:MaxRetryDelay"] = "00:00:00.050",
            // A warm vector cache from an earlier run would never call the failing generator.
            ["Retrieval:Embedded:EmbeddingCachePath"] = "none",
        });
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator);
        builder.Services.AddProductRetrieval(builder.Configuration.GetSection("Retrieval"));
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            (await host.Services.GetRequiredService<IRetrievalReadiness>().WaitUntilReadyAsync(TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeTrue();
            failures.ShouldBeLessThan(0);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FeatureHashingEmbeddingGenerator());
        services.AddAwsCredentials(configuration.GetSection("Aws:Credentials"));
        services.AddProductRetrieval(configuration.GetSection("Retrieval"));
        return services.BuildServiceProvider();
    }
}
