using System.Diagnostics.Metrics;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>A generator on a <see cref="ScriptedChatClient"/> and a <see cref="FakeTimeProvider"/>, with the default resilience options unless a test says otherwise.</summary>
public sealed class ConductHarness
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    public static readonly IReadOnlyList<ChatMessage> Prompt =
        [new(ChatRole.System, "You recommend manga."), new(ChatRole.User, "Something like One Piece?")];

    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
    private ModelCircuitBreakers? _breakers;

    public ConductHarness()
    {
        Model = new ScriptedChatClient(Time);
    }

    public FakeTimeProvider Time { get; } = new();

    public ScriptedChatClient Model { get; }

    public List<string> Delivered { get; } = [];

    public ResilienceOptions Options { get; } = new() { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.FromSeconds(5) };

    public ChatRouteOptions Route { get; } = new()
    {
        ModelId = "model-a",
        FallbackModelIds = "model-b",
        MaxTokens = 256,
        SystemPrompt = "You recommend manga.",
        FirstTokenTimeout = TimeSpan.FromSeconds(20),
        IdleTimeout = TimeSpan.FromSeconds(20),
        TotalTimeout = TimeSpan.FromMinutes(2),
    };

    public RetryBudget? Budget { get; set; }

    public ModelCircuitBreakers Breakers => _breakers ??= new ModelCircuitBreakers(
        Microsoft.Extensions.Options.Options.Create(Options), Time, new ResilienceTelemetry(_meters), NullLogger<ModelCircuitBreakers>.Instance);

    public string Text => string.Concat(Delivered);

    public ResilientAnswerGenerator Create() => new(
        Model,
        Budget ??= new RetryBudget(Options.RetryBudgetRatio, Options.RetryBudgetMinimumPerSecond, Options.RetryBudgetWindow, Time, Options.RetryBudgetBurst, Options.RetryBudgetRefillPerSuccess),
        Breakers,
        Microsoft.Extensions.Options.Options.Create(Options),
        Time,
        new Randomizer(() => 0),
        new ResilienceTelemetry(_meters),
        NullLogger<ResilientAnswerGenerator>.Instance,
        ModelTable.Strategies(),
        ModelTable.Pricing(),
        ModelTable.Shaper());

    public Task<GenerationResult> GenerateAsync(IReadOnlyList<ChatMessage>? prompt = null) =>
        Create().GenerateAsync(prompt ?? Prompt, Route, Delivered.Add, CancellationToken.None);

    /// <summary>Timer continuations must run inside FakeTimeProvider.Advance, which xUnit's synchronization context would defer.</summary>
    public static Task OffTheTestContext(Func<Task> test) => Task.Run(test);

    /// <summary>Advances the clock in small steps, so timers set by continuations of earlier ones fire too.</summary>
    public async Task AdvanceAsync(TimeSpan span)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var left = span; left > TimeSpan.Zero; left -= step)
        {
            Time.Advance(left < step ? left : step);
            await Task.Yield();
        }
    }
}
