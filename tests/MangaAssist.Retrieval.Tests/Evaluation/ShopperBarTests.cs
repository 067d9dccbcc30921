using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Evaluation;

/// <summary>
/// The shopper set on the held-out split, per kind, recomputed (not hard-coded). Floors are the targets
/// (recall@5 ≥ 0.95 per kind, abstention ≥ 90 %, false abstention ≤ 2 %).
/// </summary>
[Collection(ShippedIndexCollection.Name)]
public class ShopperBarTests(ShippedIndexFixture fixture)
{
    [Fact]
    public async Task HeldOutSplit_KeepsRecallPerKind_AndAbstainsOnWhatTheStoreDoesNotCarry()
    {
        var report = await RetrievalEvaluator.RunAsync(fixture.Retriever, EvaluationSet.LoadShopper(), CancellationToken.None);
        var test = report.BySplitAndKind.Where(s => s.Name.StartsWith("test/", StringComparison.Ordinal)).ToDictionary(s => s.Name[5..], s => s.RecallAt5);

        test["Title"].ShouldBeGreaterThanOrEqualTo(0.95);
        test["Author"].ShouldBeGreaterThanOrEqualTo(0.95);
        test["Series"].ShouldBeGreaterThanOrEqualTo(0.95);
        test["Attribute"].ShouldBeGreaterThanOrEqualTo(0.95);
        test["Romaji"].ShouldBeGreaterThanOrEqualTo(0.95);
        test["Typo"].ShouldBeGreaterThanOrEqualTo(0.95);
        // 0.960 with the marked hero (HeroMarker; 0.929 before it, dev descriptions 0.973 against 0.949).
        test["Description"].ShouldBeGreaterThanOrEqualTo(0.95);
        report.AbstentionRate(EvaluationSplit.Test).ShouldBeGreaterThanOrEqualTo(0.90);
        report.FalseAbstentionRate(EvaluationSplit.Test).ShouldBeLessThanOrEqualTo(0.02);
        report.FalseAbstentionRate(EvaluationSplit.Dev).ShouldBeLessThanOrEqualTo(0.02);
    }

    [Fact]
    public async Task DevDescriptions_KeepWhatTheDescriptionLeversWereChosenOn()
    {
        // The 133 of earlier rounds read 0.998, the 60 hero-and-setting ones (s-561 on) 0.844: a lever lost shows here first.
        var dev = EvaluationSet.LoadShopper().Where(q => q.Kind == QueryKind.Description && q.Split == EvaluationSplit.Dev).ToList();
        var earlier = dev.Where(q => string.CompareOrdinal(q.Id, "s-561") < 0).ToList();
        var facets = dev.Except(earlier).ToList();
        earlier.Count.ShouldBe(133);
        facets.Count.ShouldBe(60);

        (await DevRecall(earlier)).ShouldBeGreaterThanOrEqualTo(0.98);
        (await DevRecall(facets)).ShouldBeGreaterThanOrEqualTo(0.83);
    }

    [Fact]
    public async Task DevDescriptions_WithAMarkedHero_RankThePremiseAboveTheHero_AndAreAnswered()
    {
        // 62 dev questions mark their hero (が主人公, 主人公は, が出てくる, "gets caught up in", "deals with", "ends up",
        // "as the lead"): recall@5 0.970 and none refused with HeroMarker; 0.890 and 3 refused (4.8 %) before.
        string[] english = ["caught up in", "deal with", "deals with", "end up", "ends up", "as the lead", "as the hero", "as the protagonist", "as the main character"];
        var marked = EvaluationSet.LoadShopper()
            .Where(q => q.Kind == QueryKind.Description && q.Split == EvaluationSplit.Dev)
            .Where(q => q.Text.Contains("主人公", StringComparison.Ordinal) || q.Text.Contains("出てくる", StringComparison.Ordinal) || english.Any(e => q.Text.Contains(e, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        marked.Count.ShouldBe(62);

        var report = await RetrievalEvaluator.RunAsync(fixture.Retriever, marked, CancellationToken.None);
        report.BySplitAndKind.Single(s => s.Name == "dev/Description").RecallAt5.ShouldBeGreaterThanOrEqualTo(0.96);
        report.FalseAbstentionRate(EvaluationSplit.Dev).ShouldBe(0);
    }

    private async Task<double> DevRecall(IReadOnlyList<EvaluationQuery> questions) =>
        (await RetrievalEvaluator.RunAsync(fixture.Retriever, questions, CancellationToken.None)).BySplitAndKind.Single(s => s.Name == "dev/Description").RecallAt5;

    [Theory]
    [InlineData("Do you have One Piece?")]
    [InlineData("manga by Eiichiro Oda")]
    [InlineData("進撃の巨人はありますか？")]
    [InlineData("The Porcelain Walrus")]
    public async Task ARealOrInventedTitleTheStoreDoesNotCarry_GetsNoPassages(string question) =>
        (await fixture.Retriever.SearchAsync(new RetrievalQuery(question), CancellationToken.None)).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ATitleTypedInRomaji_FindsTheProduct_InEveryLongVowelSpelling(int style)
    {
        var product = fixture.Catalog.Products.First(p => p.JapaneseTitleReading.Contains('う', StringComparison.Ordinal) && p.SeriesRole == SeriesRole.Original && !p.JapaneseTitle.Any(char.IsAsciiLetter));
        var romaji = string.Join(' ', product.JapaneseTitleReading.Split(' ').Select(w => Romaji.FromKana(w, (RomajiStyle)style)));

        var results = await fixture.Retriever.SearchAsync(new RetrievalQuery(romaji), CancellationToken.None);

        results.Select(r => r.ProductId).ShouldContain(product.Id);
    }

    [Fact]
    public async Task ACompletedShortSeinenQuestion_ReturnsOnlyProductsThatQualify()
    {
        var results = await fixture.Retriever.SearchAsync(new RetrievalQuery("completed seinen horror, 10 volumes or less", 10), CancellationToken.None);

        results.ShouldNotBeEmpty();
        results.Select(r => fixture.Catalog.Find(r.ProductId)!).ShouldAllBe(p =>
            p.Status == PublicationStatus.Completed && p.Demographic == Demographic.Seinen && p.Genres.Contains("horror") && p.Volumes <= 10);
    }
}
