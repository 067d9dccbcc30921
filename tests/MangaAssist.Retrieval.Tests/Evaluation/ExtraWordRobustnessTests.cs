using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Evaluation;

/// <summary>
/// One word the catalog does not know (a shopper's name, filler, a stray tag) next to a question the store can answer
/// must not make the search refuse it; the things the store does not carry must still be refused.
/// </summary>
[Collection(ShippedIndexCollection.Name)]
public class ExtraWordRobustnessTests(ShippedIndexFixture fixture)
{
    public static TheoryData<string> ExtraWords => new() { "zorblax", "Kenta", "thx", "tag-ask-17", "[[tag-ask-3]]" };

    [Theory]
    [MemberData(nameof(ExtraWords))]
    public async Task NamedProducts_WithAnUnknownWordAppended_AreStillFound(string extra)
    {
        var named = EvaluationSet.LoadShopper()
            .Where(q => q.Kind is QueryKind.Title or QueryKind.Typo or QueryKind.Author or QueryKind.Series or QueryKind.Romaji)
            .Select(q => q with { Text = q.Text + " " + extra })
            .ToList();

        var report = await RetrievalEvaluator.RunAsync(fixture.Retriever, named, CancellationToken.None);

        report.Results.Where(r => r.Ranked.Count == 0).Select(r => r.Query.Text).ShouldBeEmpty();
        report.Overall.RecallAt5.ShouldBeGreaterThanOrEqualTo(0.95);
    }

    // In the first two, not first: "Star Princess" and "Princess Star" are both in the catalog.
    [Theory]
    [InlineData("What is {0} about? zorblax")]
    [InlineData("What is {0} about? tag-ask-12")]
    [InlineData("Kenta here, do you have {0}?")]
    [InlineData("{0} pls thx")]
    public async Task EveryOriginalTitle_WithFillerAround_IsFound(string template)
    {
        var refused = new List<string>();
        foreach (var product in fixture.Catalog.Products.Where(p => p.SeriesRole == SeriesRole.Original).Take(60))
        {
            var results = await fixture.Retriever.SearchAsync(new RetrievalQuery(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, product.Title)), CancellationToken.None);
            if (!results.Take(2).Any(r => r.ProductId == product.Id))
            {
                refused.Add(product.Title);
            }
        }

        refused.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("completed seinen horror, 10 volumes or less thx")]
    [InlineData("ongoing manga from the 2010s under 5 volumes zorblax")]
    public async Task FirmConstraints_WithAnUnknownWord_StillAnswerFromTheConstraints(string question) =>
        (await fixture.Retriever.SearchAsync(new RetrievalQuery(question), CancellationToken.None)).ShouldNotBeEmpty();

    [Theory]
    [InlineData("is Naruto in stock")]
    [InlineData("Chainsaw Man volume 1")]
    [InlineData("anything by Naoko Takeuchi?")]
    [InlineData("Do you have Dragon Ball?")]
    [InlineData("錆びた会計士はありますか？")]
    public async Task WhatTheStoreDoesNotCarry_IsStillRefused(string question) =>
        (await fixture.Retriever.SearchAsync(new RetrievalQuery(question), CancellationToken.None)).ShouldBeEmpty();
}
