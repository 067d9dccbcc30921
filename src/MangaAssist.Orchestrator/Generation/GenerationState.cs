using System.Text;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Everything one answer has gathered across its model calls: the text delivered so far (the
/// prefill of a continuation), the model in use, token usage summed over calls, and what the
/// retries have cost.
/// </summary>
public sealed class GenerationState(IReadOnlyList<ChatMessage> prompt, ChatRouteOptions profile, Action<string> onText)
{
    private int _attemptTimeout;

    /// <summary>The prompt as composed, or as trimmed after a model found it too long.</summary>
    public IReadOnlyList<ChatMessage> Prompt { get; set; } = prompt;

    /// <summary>Whether the prompt was trimmed already (it is, at most once).</summary>
    public bool PromptTrimmed { get; set; }

    public ChatRouteOptions Profile { get; } = profile;

    public IReadOnlyList<string> Chain { get; } = profile.ModelChain;

    public Action<string> OnText { get; } = onText;

    public StringBuilder Produced { get; } = new();

    /// <summary>The shopper's own words at the end of the prompt's last user turn, when known.</summary>
    public string? Question { get; init; }

    public string Route { get; init; } = "";

    /// <summary>Where each model stream of this answer gets its read pacer (the answer's coalescer), or null: read as events come.</summary>
    public IStreamReadPacing? ReadPacing { get; init; }

    public int ModelIndex { get; set; }

    public string CurrentModel => Chain[ModelIndex];

    public bool HasNextModel => ModelIndex + 1 < Chain.Count;

    public int Attempts { get; set; }

    /// <summary>Retries made on the current model; the next model starts at 0.</summary>
    public int RetriesOnModel { get; set; }

    /// <summary>Whether the retry being prepared goes to the next model (decided with the retry).</summary>
    public bool SwitchModel { get; set; }

    public string? StopReason { get; set; }

    public string? AnsweredBy { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long CacheReadTokens { get; set; }

    public long CacheWriteTokens { get; set; }

    /// <summary>Text deltas the current call streamed (echoes included): its output when Bedrock never reports usage.</summary>
    public int AttemptDeltas { get; set; }

    /// <summary>Whether the current call reported its usage (a broken stream never does).</summary>
    public bool AttemptUsageReported { get; set; }

    /// <summary>List price of every call so far, each at its own model's prices.</summary>
    public decimal PriceUsd { get; set; }

    public AnswerUsage Usage() => new((int)InputTokens, (int)OutputTokens)
    {
        CacheReadInputTokens = (int)CacheReadTokens,
        CacheWriteInputTokens = (int)CacheWriteTokens,
    };

    /// <summary>Set by the watchdog of the current call when one of its clocks ran out.</summary>
    public CancelReason? AttemptTimeout
    {
        get => (CancelReason)Volatile.Read(ref _attemptTimeout) is var reason && reason != CancelReason.None ? reason : null;
        set => Volatile.Write(ref _attemptTimeout, (int)(value ?? CancelReason.None));
    }
}
