using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// Whole answers with retrieval over the OpenSearch wire: gateway emulator → service → OpenSearch stand-in (loaded over
/// its REST API) + Bedrock emulator. Every citation names a product the stand-in returned for that question.
/// </summary>
public sealed class OpenSearchWireAnswerTests : IAsyncLifetime
{
    private static readonly ProductCatalog Catalog = ProductCatalog.LoadShipped();
    private EdgeStack _edge = null!;

    public async Task InitializeAsync() =>
        _edge = await EdgeStack.StartAsync(
            // A shared 2-core machine can be slow: the test is about where passages come from, not about the timeout.
            service: ["--Retrieval:OpenSearch:SearchTimeout=00:00:30"],
            configureStack: stack => stack.UseOpenSearchStandIn());

    public async Task DisposeAsync() => await _edge.DisposeAsync();

    [Theory]
    [InlineData(17, false)]
    [InlineData(1234, true)]
    public async Task AnswerAboutACatalogTitle_CitesWhatTheStandInReturned(int index, bool japanese)
    {
        var product = Catalog.Products[index];
        var question = japanese ? $"『{product.JapaneseTitle}』はどんな漫画ですか？" : $"What is {product.Title} about?";
        var ledger = _edge.OpenSearchLedger.ShouldNotBeNull();
        var searchesBefore = ledger.Count;
        await using var socket = await _edge.ConnectAsync();

        await socket.AskAsync("os-" + index, question);
        var answer = (await socket.ReadAnswerAsync("os-" + index)).ShouldKeepTheProtocolPromises();

        ledger.Count.ShouldBeGreaterThan(searchesBefore, "the service searched the stand-in");
        var returned = ledger.Entries.TakeLast(ledger.Count - searchesBefore).SelectMany(e => e.HitIds).ToHashSet();
        answer.Frames[^2].Type.ShouldBe("citations");
        var cited = answer.Frames[^2].Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        cited.ShouldNotBeEmpty();
        cited.ShouldAllBe(id => returned.Contains(id));
        // The stand-in found the product asked for; its rank can differ from the embedded index's (sequels whose
        // titles contain the original's can come first there), so the first citation is not asserted.
        returned.ShouldContain(product.Id, string.Join(" ", returned));
    }
}
