using System.Diagnostics.Metrics;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Tests.Support;
using MangaAssist.Retrieval;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Extensions;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Grounding;

/// <summary>
/// A question that arrives while the catalog index is still being built (the real background build, held back by its
/// embedding model) waits for it instead of going to the model without passages; one that still can't be grounded is
/// counted with its reason.
/// </summary>
public sealed class AnswerContextBuilderTests
{
    private static readonly MangaProduct Product = ProductCatalog.LoadShipped().Products[17];

    [Fact]
    public async Task BuildAsync_IndexStillBeingBuilt_WaitsForItAndIsGrounded()
    {
        var generator = new HeldEmbeddings();
        using var host = await StartAsync(generator, notReadyWait: "00:01:00");
        using var counted = new UngroundedCounter(host.Services.GetRequiredService<IMeterFactory>());
        var sut = CreateSut(host);

        var building = sut.BuildAsync(Request(), [], CancellationToken.None);
        // Longer than retrieval's own time: only the wait for the index keeps this question grounded.
        await Task.Delay(AnswerContextBuilder.RetrievalTimeout + TimeSpan.FromSeconds(1));
        host.Services.GetRequiredService<IRetrievalReadiness>().IsReady.ShouldBeFalse();
        generator.Release();
        var context = await building;

        context.Passages.ShouldContain(p => p.ProductId == Product.Id);
        counted.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public async Task BuildAsync_IndexNotReadyWithinTheWait_AnswersWithoutPassagesAndCountsWhy()
    {
        var generator = new HeldEmbeddings();
        using var host = await StartAsync(generator, notReadyWait: "00:00:00.050");
        using var counted = new UngroundedCounter(host.Services.GetRequiredService<IMeterFactory>());

        var context = await CreateSut(host).BuildAsync(Request(), [], CancellationToken.None);

        context.Passages.ShouldBeEmpty();
        counted.Reasons.ShouldBe([UngroundedAnswers.IndexNotReady]);
        context.Prompt[^1].Text.ShouldContain(RagPromptComposer.CatalogUnavailable, customMessage: "a catalog that could not be searched is not one that lacks the title");
        context.Prompt[^1].Text.ShouldNotContain("does not carry it");
        generator.Release();
    }

    [Fact]
    public async Task BuildAsync_QuestionEmbeddingSlowerThanRetrievalsTime_IsStillGroundedByTheLexicalRanking()
    {
        var generator = new HeldEmbeddings();
        generator.Release();
        using var host = await StartAsync(generator, notReadyWait: "00:01:00", queryTimeout: "00:01:00");
        using var counted = new UngroundedCounter(host.Services.GetRequiredService<IMeterFactory>());
        await host.Services.GetRequiredService<IRetrievalReadiness>().WaitUntilReadyAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        generator.StallQueries = true;

        var context = await CreateSut(host).BuildAsync(Request(), [], CancellationToken.None);

        context.Passages.ShouldContain(p => p.ProductId == Product.Id);
        counted.Reasons.ShouldBeEmpty();
    }

    private static AnswerContextBuilder CreateSut(IHost host) => new(
        host.Services.GetRequiredService<IProductRetriever>(),
        NullLogger<AnswerContextBuilder>.Instance,
        host.Services.GetRequiredService<IRetrievalReadiness>(),
        host.Services.GetRequiredService<IOptions<RetrievalOptions>>(),
        host.Services.GetRequiredService<IMeterFactory>());

    private static ChatRequest Request()
    {
        var route = PipelineParts.Route();
        route.RetrievalTopK = 3;
        return new ChatRequest("c-1", "r-1", "s-1", $"What is {Product.Title} about?", "sendMessage", route, PipelineParts.Shopper);
    }

    private static async Task<IHost> StartAsync(HeldEmbeddings generator, string notReadyWait, string queryTimeout = "00:00:01.500")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retrieval:Embeddings:Dimensions"] = "16",
            ["Retrieval:Embedded:NotReadyWait"] = notReadyWait,
            ["Retrieval:Embedded:EmbeddingCachePath"] = "none",
            ["Retrieval:Embeddings:QueryTimeout"] = queryTimeout,
        });
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator);
        builder.Services.AddProductRetrieval(builder.Configuration.GetSection("Retrieval"));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>An embedding model that answers nothing until released, as Bedrock while a cold start embeds the catalog.</summary>
    private sealed class HeldEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        /// <summary>From now on, a single text (a question; the catalog goes in batches) waits until its caller gives up.</summary>
        public bool StallQueries { get; set; }

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await _released.Task.WaitAsync(cancellationToken);
            if (StallQueries && values.Count() == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            var dimensions = options?.Dimensions ?? 16;
            return [.. values.Select(text => new Embedding<float>(Enumerable.Range(0, dimensions).Select(i => (float)((text.GetHashCode() >> i) & 1)).ToArray()))];
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>The reasons recorded on <see cref="UngroundedAnswers.CounterName"/> by this test's meter factory only.</summary>
    private sealed class UngroundedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _reasons = [];

        public UngroundedCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == UngroundedAnswers.CounterName && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason")
                    {
                        lock (_reasons)
                        {
                            _reasons.Add((string)tag.Value!);
                        }
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Reasons
        {
            get
            {
                lock (_reasons)
                {
                    return [.. _reasons];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
