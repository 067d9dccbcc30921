using MangaAssist.Retrieval.Evaluation;
using Xunit.Abstractions;

namespace MangaAssist.Retrieval.Tests.OpenSearchStandIn;

/// <summary>
/// The same questions through the embedded index and through the OpenSearch wire (client → stand-in): how many get the
/// same five products. The differences are printed, question by question.
/// </summary>
[Collection(StandInCollection.Name)]
public class SameTopFiveTests(StandInFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task EvaluationQuestions_GetTheSameTopFive_ThroughBothBackends()
    {
        var questions = EvaluationSet.LoadShopper().Concat(EvaluationSet.LoadShipped()).ToList();
        int sameSet = 0, sameOrder = 0, sameFirst = 0;
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

        output.WriteLine($"{questions.Count} questions: same top-5 set {sameSet}, same order {sameOrder}, same first {sameFirst}");
        var kinds = byKind.Select(k => $"{k.Key} {k.Value.Same}/{k.Value.All}").ToList();
        kinds.ForEach(output.WriteLine);
        differences.ForEach(output.WriteLine);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "same-top5-differences.txt"), [$"{questions.Count} questions: same top-5 set {sameSet}, same order {sameOrder}, same first {sameFirst}; wire {wireTime.ElapsedMilliseconds} ms", .. kinds, .. differences]);
        // Measured when written: same set 200 of 640 (31 %), same first 453 (71 %), every attribute question identical.
        // The rest differ by ranking the embedded index does and OpenSearch's query DSL cannot (see the README).
        byKind[QueryKind.Attribute].Same.ShouldBe(byKind[QueryKind.Attribute].All);
        ((double)sameFirst / questions.Count).ShouldBeGreaterThanOrEqualTo(0.68);
        ((double)sameSet / questions.Count).ShouldBeGreaterThanOrEqualTo(0.28);
    }
}
