using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Evaluation;

/// <summary>
/// The shopper set on the held-out split, per kind, recomputed (not hard-coded). Floors are the targets where
/// they are met (recall@5 ≥ 0.95, abstention ≥ 90 %, false abstention ≤ 2 %) and a little under the README's number
/// where not (story descriptions).
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
        // 0.944 at the shipped 512 dimensions with the marked hero's share (0.929 before; dev descriptions 0.959, 0.949
        // before): the 0.95 is not met.
        test["Description"].ShouldBeGreaterThanOrEqualTo(0.94);
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
    public async Task DevDescriptions_WithAMarkedHero_RankThePremiseAboveTheHero()
    {
        // 34 dev questions mark their hero (が主人公, 主人公は, が出てくる): 0.956 with FacetBalance.HeroShare, 0.897 without.
        var marked = EvaluationSet.LoadShopper()
            .Where(q => q.Kind == QueryKind.Description && q.Split == EvaluationSplit.Dev && (q.Text.Contains("主人公", StringComparison.Ordinal) || q.Text.Contains("出てくる", StringComparison.Ordinal)))
            .ToList();
        marked.Count.ShouldBe(34);

        (await DevRecall(marked)).ShouldBeGreaterThanOrEqualTo(0.95);
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
