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
        int sameSet = 0, sameOrder = 0, sameFirst = 0, answerable = 0;
        var differences = new List<string>();
        foreach (var question in questions)
        {
            var embedded = (await fixture.Embedded.SearchAsync(new RetrievalQuery(question.Text), CancellationToken.None)).Select(p => p.ProductId).ToList();
            var wire = (await fixture.OverOpenSearch.SearchAsync(new RetrievalQuery(question.Text), CancellationToken.None)).Select(p => p.ProductId).ToList();
            answerable++;
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
        differences.ForEach(output.WriteLine);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "same-top5-differences.txt"), [$"{questions.Count} questions: same top-5 set {sameSet}, same order {sameOrder}, same first {sameFirst}", .. differences]);
        answerable.ShouldBe(questions.Count);
    }
}
