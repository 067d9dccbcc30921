using System.Collections.Concurrent;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.Evaluation;

/// <summary>The service searches one index from many requests at once: concurrent searches give what one search alone gives.</summary>
[Collection(ShippedIndexCollection.Name)]
public class ConcurrentSearchTests(ShippedIndexFixture fixture)
{
    [Fact]
    public async Task ManySearchesAtOnce_GiveTheSameResultsAsOneAtATime()
    {
        var questions = EvaluationSet.LoadShopper().Select(q => q.Text).ToList();
        var alone = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var question in questions)
        {
            alone[question] = await TopFiveAsync(question);
        }

        var together = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var rounds = Enumerable.Range(0, 4).SelectMany(_ => questions);
        await Parallel.ForEachAsync(rounds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (question, _) =>
        {
            var top = await TopFiveAsync(question);
            if (top != alone[question])
            {
                together[question] = top;
            }
        });

        together.Select(d => $"{d.Key}: alone [{alone[d.Key]}], together [{d.Value}]").ShouldBeEmpty();
    }

    private async Task<string> TopFiveAsync(string question) =>
        string.Join(',', (await fixture.Retriever.SearchAsync(new RetrievalQuery(question), CancellationToken.None)).Take(5).Select(p => p.ProductId));
}
