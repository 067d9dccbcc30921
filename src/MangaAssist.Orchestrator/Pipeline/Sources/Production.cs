using MangaAssist.Aws.EventStreams;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Grounding;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>
/// One answer's production as it passes the sources: what to answer, where its text goes, and
/// what the sources found out (who produced it, the model's result).
/// </summary>
public sealed class Production(
    ChatRequest request, AnswerContext context, ResponseCacheKey? sharedKey, Action<string> onText, CancellationToken token, AnswerSettlement? settlement = null)
    : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _held = [];
    private Action<string>? _alsoTo;

    public ChatRequest Request { get; } = request;

    public AnswerContext Context { get; } = context;

    /// <summary>The key under which this answer may be shared with other shoppers, or null when it is personal.</summary>
    public ResponseCacheKey? SharedKey { get; } = sharedKey;

    public CancellationToken Token { get; } = token;

    /// <summary>Where the sources leave what they store and end (with Redis): it is written with the answer's last frame.</summary>
    public AnswerSettlement? Settlement { get; } = settlement;

    /// <summary>The flight the cache lookup joined in its round trip, for the flight source; null: join on its own.</summary>
    public AnswerFlight? JoinedFlight { get; set; }

    /// <summary>Text the client already has from a shared answer that broke off: the model continues it.</summary>
    public string AlreadyDelivered { get; set; } = "";

    /// <summary>Whether identical questions follow this request's flight.</summary>
    public bool LeadsFlight { get; set; }

    public AnswerSource Source { get; set; } = AnswerSource.None;

    public GenerationResult? Generation { get; set; }

    /// <summary>How a model stream producing this answer spaces out its reads: the coalescer its text goes to.</summary>
    public IStreamReadPacing? ReadPacing { get; init; }

    /// <summary>Hands the next piece of the answer's text to the client (and whoever else listens).</summary>
    public void Emit(string text)
    {
        onText(text);
        _alsoTo?.Invoke(text);
    }

    /// <summary>Sends every later piece of text to <paramref name="listener"/> too.</summary>
    public void AlsoEmitTo(Action<string> listener) => _alsoTo += listener;

    /// <summary>Keeps <paramref name="resource"/> until the answer is produced and stored (a flight outlives the cache write).</summary>
    public void HoldUntilProduced(IAsyncDisposable resource) => _held.Add(resource);

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in _held)
        {
            await resource.DisposeAsync();
        }
    }
}
