using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>The answer sources in the order they are asked: response cache, then shared flight, then the model.</summary>
public sealed class AnswerSourceChain(IReadOnlyList<IAnswerSource> sources)
{
    public AnswerSourceChain(ResponseCacheSource cache, SharedFlightSource flight, ModelSource model)
        : this([cache, flight, model])
    {
    }

    public Task<CompletedAnswer?> ProduceAsync(Production production) => Ask(0, production);

    private Task<CompletedAnswer?> Ask(int index, Production production) =>
        index < sources.Count
            ? sources[index].ProduceAsync(production, next => Ask(index + 1, next))
            : Task.FromResult<CompletedAnswer?>(null);
}
