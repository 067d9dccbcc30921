using System.Diagnostics.Metrics;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>A generator on real time with the service's default resilience options and budget, for proofs against the emulator.</summary>
internal static class DefaultConduct
{
    public const string System = "You recommend manga.";

    public static ResilientAnswerGenerator Create(IChatClient chat)
    {
        var defaults = new ResilienceOptions();
        var options = Microsoft.Extensions.Options.Options.Create(defaults);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var telemetry = new ResilienceTelemetry(meters);
        return new ResilientAnswerGenerator(
            chat,
            new RetryBudget(defaults.RetryBudgetRatio, defaults.RetryBudgetMinimumPerSecond, defaults.RetryBudgetWindow, TimeProvider.System, defaults.RetryBudgetBurst, defaults.RetryBudgetRefillPerSuccess),
            new ModelCircuitBreakers(options, TimeProvider.System, telemetry, NullLogger<ModelCircuitBreakers>.Instance),
            options,
            TimeProvider.System,
            new Randomizer(),
            telemetry,
            NullLogger<ResilientAnswerGenerator>.Instance,
            ModelTable.Strategies(),
            ModelTable.Pricing(),
            ModelTable.Shaper());
    }

    /// <summary>The shipped sendMessage route's timeouts (20 s first token, 20 s idle) on the given models.</summary>
    public static ChatRouteOptions Route(string model, string fallback = "") => new()
    {
        ModelId = model,
        FallbackModelIds = fallback,
        MaxTokens = 1024,
        SystemPrompt = System,
        FirstTokenTimeout = new ChatRoutesOptions().SendMessage.FirstTokenTimeout,
        IdleTimeout = new ChatRoutesOptions().SendMessage.IdleTimeout,
        TotalTimeout = TimeSpan.FromMinutes(2),
    };

    public static IReadOnlyList<ChatMessage> Prompt(string question) => [new(ChatRole.System, System), new(ChatRole.User, question)];
}
