using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// A freshly started stack with a cold vector cache (every product embedded at start-up): the run command opens the
/// gateway only once the service is ready, so a burst sent the moment it starts is grounded in every answer.
/// </summary>
public sealed class StartUpTests
{
    private const int Burst = 24;
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();

    [Fact]
    public async Task BurstRightAtStartUp_EveryAnswerCarriesCatalogPassages()
    {
        await using var stack = await new LoopbackStackBuilder()
            .UseFastModel()
            .UseLogLevel("Warning")
            .ForService("--Retrieval:Embedded:EmbeddingCachePath=none")
            .StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, Burst).Select(async i =>
        {
            await using var socket = new ChatSocket();
            await socket.ConnectAsync(stack.ConnectUri(await stack.IssueTokenAsync($"shopper-startup-{i}")));
            var product = Catalog.Products[100 + i * 37];
            await socket.AskAsync($"boot-{i}", $"What is {product.Title} about?");
            return (await socket.ReadAnswerAsync($"boot-{i}")).ShouldKeepTheProtocolPromises();
        }));

        foreach (var answer in answers)
        {
            answer.Terminal.Type.ShouldBe("done");
            var citations = answer.Frames.SingleOrDefault(f => f.Type == "citations");
            citations.ShouldNotBeNull($"{answer.RequestId} went out without catalog passages");
            citations.Json.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        }
    }
}
