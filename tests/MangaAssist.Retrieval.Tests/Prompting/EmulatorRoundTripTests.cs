using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Retrieval.Prompting;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.Extensions.AI;

namespace MangaAssist.Retrieval.Tests.Prompting;

/// <summary>
/// The composed prompt through the Bedrock emulator's answer function: the answer quotes the first passage, with its
/// [1], so the citation extractor names the product — what the end-to-end "citations" frame relies on locally.
/// </summary>
[Collection(ShippedIndexCollection.Name)]
public class EmulatorRoundTripTests(ShippedIndexFixture fixture)
{
    [Theory]
    [InlineData("Do you have Kaito's Samurai?")]
    [InlineData("海斗の侍はありますか？")]
    public async Task EmulatorAnswer_QuotesTheFirstPassage_AndCitesItsProduct(string question)
    {
        var passages = await fixture.Retriever.SearchAsync(new RetrievalQuery(question, 5), CancellationToken.None);
        var prompt = RagPromptComposer.Compose(new RagPromptRequest("You are MangaAssist.", [], passages, question, 3000));

        var system = string.Join("\n", prompt.Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        var answer = AnswerComposer.ComposeFullText("anthropic.claude-3-haiku-20240307-v1:0", system, prompt.Messages[^1].Text, 80);

        answer.ShouldContain(question.TrimEnd('?', '？'));
        answer.ShouldContain("[1] ");
        var citation = CitationExtractor.Extract(answer, prompt.Passages)[0];
        citation.ProductId.ShouldBe("MA-00001");
        citation.Title.ShouldBe("Kaito's Samurai");
    }
}
