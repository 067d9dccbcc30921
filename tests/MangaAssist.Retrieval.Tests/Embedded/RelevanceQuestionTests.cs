using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Tests.Embedded;

/// <summary>
/// A search tokenises its question once and judges every candidate against the same units
/// (<see cref="RelevanceEstimator.Question"/>); each judgement must equal one made from a freshly tokenised question,
/// bit for bit, whatever was judged before it.
/// </summary>
public sealed class RelevanceQuestionTests
{
    [Fact]
    public void SharedUnits_JudgeEveryCandidate_AsAFreshTokenisationDoes()
    {
        var products = ProductCatalog.LoadShipped().Products;
        var index = EmbeddedProductIndex.Build(products, [], 0, new RetrievalOptions().Embedded.ToSettings());
        var names = products.Select(DocumentNames.Of).ToArray();
        var documentOf = products.Select((p, d) => (p.Id, d)).ToDictionary(x => x.Id, x => x.d);
        var questions = EvaluationSet.LoadShipped().Concat(EvaluationSet.LoadShopper()).Where((_, i) => i % 3 == 0).ToArray();
        var judged = 0;
        var partial = 0;
        foreach (var question in questions)
        {
            var text = index.Understand(question.Text).Text;
            var shared = RelevanceEstimator.Question(index.Bm25, text);
            // The best lexical matches first (as a search judges them), then some that share little with the question.
            var candidates = index.Search(question.Text, [], 5, null).Select(p => documentOf[p.ProductId])
                .Concat([0, products.Count / 2, products.Count - 1]);
            foreach (var document in candidates)
            {
                var fresh = RelevanceEstimator.Question(index.Bm25, text).Score(document, names[document]);
                shared.Score(document, names[document]).ShouldBe(fresh, $"{question.Id} document {document}");
                judged++;
                partial += fresh is > 0 and < 1 ? 1 : 0;
            }
        }

        // The comparison means something only if the judgements vary.
        judged.ShouldBeGreaterThan(1000);
        partial.ShouldBeGreaterThan(100);
    }
}
