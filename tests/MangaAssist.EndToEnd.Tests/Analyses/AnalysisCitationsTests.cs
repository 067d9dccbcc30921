using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>A job cites the catalog like a chat answer: a <c>citations</c> frame before <c>done</c>, in the frame log (attach), and in the job.</summary>
public sealed class AnalysisCitationsTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();

    [Fact]
    public async Task JobAboutACatalogTitle_CarriesTheSameCitationsOnTheSocketOnAttachAndWhenPolled()
    {
        var product = Catalog.Products[17];
        await using var socket = await edge.Stack.ConnectAsync("cites-analyst");

        await socket.SendAsync(new { action = "analyze", requestId = "cite-1", sessionId = "s-cite", message = $"What is {product.Title} about?" });
        var answer = (await socket.ReadAnswerAsync("cite-1")).ShouldKeepTheProtocolPromises();

        answer.Frames[^1].Type.ShouldBe("done", answer.Frames[^1].Raw);
        answer.Frames[^2].Type.ShouldBe("citations");
        var items = answer.Frames[^2].Json.GetProperty("items");
        items[0].GetProperty("id").GetString().ShouldBe(product.Id);
        items[0].GetProperty("url").GetString().ShouldBe(product.Url);

        var jobId = answer.Frames[0].Str("jobId")!;
        await using var other = await edge.Stack.ConnectAsync("cites-analyst");
        await other.SendAsync(new { action = "attach", requestId = jobId, afterSeq = -1 });
        var replayed = await other.ReadAnswerAsync("cite-1");
        replayed.Frames[^2].Raw.ShouldBe(answer.Frames[^2].Raw);

        var client = new AnalysesClient(edge.Stack.Http, edge.Stack.ServiceUrl, await edge.Stack.IssueTokenAsync("cites-analyst"));
        var polled = (await client.PollAsync(jobId)).GetProperty("result").GetProperty("citations");
        polled.GetArrayLength().ShouldBe(items.GetArrayLength());
        for (var i = 0; i < items.GetArrayLength(); i++)
        {
            polled[i].GetProperty("id").GetString().ShouldBe(items[i].GetProperty("id").GetString());
            polled[i].GetProperty("title").GetString().ShouldBe(items[i].GetProperty("title").GetString());
            polled[i].GetProperty("url").GetString().ShouldBe(items[i].GetProperty("url").GetString());
        }
    }
}
