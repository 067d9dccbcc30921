using MangaAssist.Retrieval.Extensions;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Tests.Embedded;

/// <summary>The service's index is searched before it takes traffic, so the first shoppers do not pay for the JIT.</summary>
public sealed class EmbeddedIndexWarmUpTests
{
    private const int WarmedUpEventId = 4020;

    [Fact]
    public async Task TheIndexIsWarmedUp_BeforeItIsPublishedAsReady()
    {
        var logs = new RecordingLogger();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Retrieval:Embeddings:Dimensions"] = "256" });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FeatureHashingEmbeddingGenerator());
        builder.Services.AddProductRetrieval(builder.Configuration.GetSection("Retrieval"));
        using var host = builder.Build();
        var readiness = host.Services.GetRequiredService<IRetrievalReadiness>();
        logs.Flag = () => readiness.IsReady;

        await host.StartAsync();
        try
        {
            (await readiness.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeTrue();
        }
        finally
        {
            await host.StopAsync();
        }

        var warmUp = logs.Entries.Single(e => e.EventId == WarmedUpEventId);
        warmUp.FlagWhenLogged.ShouldBeFalse("the warm-up ran before the index was published");
        // Past the runtime's 30 calls for optimised code on both the vector and the lexical-only path.
        warmUp.Values["Searches"].ShouldBeOfType<int>().ShouldBeGreaterThanOrEqualTo(2 * 30);
    }
}
