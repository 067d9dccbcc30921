using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Retrieval.Prompting;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>The model: the last source, which always answers (or says why it could not).</summary>
public sealed class ModelSource(ResilientAnswerGenerator generator) : IAnswerSource
{
    public async Task<CompletedAnswer?> ProduceAsync(Production production, Func<Production, Task<CompletedAnswer?>> nextSource)
    {
        production.Source = production.LeadsFlight ? AnswerSource.ModelLeadingFlight : AnswerSource.Model;
        var result = await generator.GenerateAsync(
            production.Context.Prompt, production.Request.Profile, production.Emit, production.Token, production.AlreadyDelivered, production.Request.Message, production.Request.Route, production.ReadPacing);
        production.Generation = result;
        return result.Completed
            ? new CompletedAnswer(result.Text, result.Model, result.StopReason!, result.Usage, Cite(result.Text, production.Context))
            : null;
    }

    /// <summary>The catalog items the text cites: retrieval's citations become the answer model's here, once.</summary>
    internal static IReadOnlyList<AnswerCitation> Cite(string text, AnswerContext context) =>
        [.. CitationExtractor.Extract(text, context.Passages).Select(c =>
            new AnswerCitation(c.ProductId, c.Title, c.Url, context.Passages[c.Number - 1].JapaneseTitle, context.Passages[c.Number - 1].PriceJpy))];
}
