using MangaAssist.Retrieval.Evaluation;
using Xunit.Abstractions;

namespace MangaAssist.Retrieval.Tests.OpenSearchStandIn;

/// <summary>
/// The same questions through the embedded index and through the OpenSearch wire (client → stand-in), both with their
/// defaults (abstention on): how many get the same five products. Both rank their first stage's pool with the shared
/// second stage, so they differ only when one pool misses a product the other ranks in its five. The differences are
/// printed, question by question.
/// </summary>
[Collection(StandInCollection.Name)]
public class SameTopFiveTests(StandInFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task EvaluationQuestions_GetTheSameTopFive_ThroughBothBackends()
    {
        var questions = EvaluationSet.LoadShopper().Concat(EvaluationSet.LoadShipped()).ToList();
        int sameSet = 0, sameOrder = 0, sameFirst = 0, wireAbstained = 0, notInCatalog = 0, wireRefusedAnswerable = 0;
        var differences = new List<string>();
        var byKind = new Dictionary<QueryKind, (int Same, int All)>();
        var wireTime = System.Diagnostics.Stopwatch.StartNew();
        var wireResults = new List<string>[questions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, questions.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
            wireResults[i] = (await fixture.OverOpenSearch.SearchAsync(new RetrievalQuery(questions[i].Text), ct)).Select(p => p.ProductId).ToList());
        output.WriteLine($"wire: {wireTime.ElapsedMilliseconds} ms");
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var embedded = (await fixture.Embedded.SearchAsync(new RetrievalQuery(question.Text), CancellationToken.None)).Select(p => p.ProductId).ToList();
            var wire = wireResults[i];
            var kind = byKind.GetValueOrDefault(question.Kind);
            byKind[question.Kind] = (kind.Same + (embedded.ToHashSet().SetEquals(wire) ? 1 : 0), kind.All + 1);
            sameFirst += embedded.FirstOrDefault() == wire.FirstOrDefault() ? 1 : 0;
            notInCatalog += question.Kind == QueryKind.NotInCatalog ? 1 : 0;
            wireAbstained += question.Kind == QueryKind.NotInCatalog && wire.Count == 0 ? 1 : 0;
            wireRefusedAnswerable += question.Kind != QueryKind.NotInCatalog && wire.Count == 0 ? 1 : 0;
            sameOrder += embedded.SequenceEqual(wire) ? 1 : 0;
            if (embedded.ToHashSet().SetEquals(wire))
            {
                sameSet++;
            }
            else
            {
                differences.Add($"{question.Id} {question.Kind}: embedded [{string.Join(' ', embedded)}] wire [{string.Join(' ', wire)}]");
            }
        }

        output.WriteLine($"{questions.Count} questions: same top-5 set {sameSet}, same order {sameOrder}, same first {sameFirst}; over the wire {wireAbstained} of {notInCatalog} not-in-catalog questions abstained, {wireRefusedAnswerable} answerable ones");
        var kinds = byKind.Select(k => $"{k.Key} {k.Value.Same}/{k.Value.All}").ToList();
        kinds.ForEach(output.WriteLine);
        differences.ForEach(output.WriteLine);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "same-top5-differences.txt"), [$"{questions.Count} questions: same top-5 set {sameSet}, same order {sameOrder}, same first {sameFirst}; wire {wireTime.ElapsedMilliseconds} ms; wire abstained {wireAbstained}/{notInCatalog} not in catalog, {wireRefusedAnswerable} answerable", .. kinds, .. differences]);
        // Measured when written (pool 200): same set 634 of 640 (99.1 %), same order 634, same first 640; every
        // attribute and not-in-catalog question identical. The rest: a product one first stage's pool misses (see the README).
        byKind[QueryKind.Attribute].Same.ShouldBe(byKind[QueryKind.Attribute].All);
        byKind[QueryKind.NotInCatalog].Same.ShouldBe(byKind[QueryKind.NotInCatalog].All);
        ((double)sameFirst / questions.Count).ShouldBeGreaterThanOrEqualTo(0.99);
        ((double)sameSet / questions.Count).ShouldBeGreaterThanOrEqualTo(0.98);
        // The relevance decision runs on the OpenSearch path too: the not-in-catalog questions abstain there.
        ((double)wireAbstained / notInCatalog).ShouldBeGreaterThanOrEqualTo(0.90);
        ((double)wireRefusedAnswerable / (questions.Count - notInCatalog)).ShouldBeLessThanOrEqualTo(0.02);
    }
}
