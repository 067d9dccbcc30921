using MangaAssist.Orchestrator.Kernel;
using System.Diagnostics.Metrics;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.SharedState.FrameLog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>The real delivery path over captured @connections, the in-memory frame log and a fake clock.</summary>
public sealed class PipelineParts
{
    public FakeTimeProvider Time { get; } = new();

    public CapturedConnections Connections { get; } = new();

    public IMeterFactory Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public ChatTelemetry Telemetry => new(Meters);

    public SharedStateStandIns Shared { get; }

    public IFrameLog FrameLog => Shared.FrameLog;

    public FramePoster Poster { get; }

    public FrameStreamFactory Streams { get; }

    public ChatRequestRegistry Registry { get; } = new();

    /// <summary>The shopper the test's requests belong to.</summary>
    public static ShopperPrincipal Shopper { get; } = ShopperPrincipal.For("https://issuer.test", "alice", isGuest: false);

    /// <summary>The <c>forget</c> action over the in-memory shared state.</summary>
    public ForgetRunner Forgetter => new(
        new ShopperDataForgetter(Registry, Shared.Eraser, Shared.Jobs, Shared.ForgetAnnouncements, TimeProvider.System, NullLogger<ShopperDataForgetter>.Instance), Poster, Streams, NullLogger<ForgetRunner>.Instance);

    public PipelineParts(bool resumable = false, IReadOnlyDictionary<string, string?>? sharedStateSettings = null)
    {
        Shared = new SharedStateStandIns(Time, sharedStateSettings);
        Poster = new FramePoster(Connections, new OutboundSanitizer(false), MsOptions.Create(new DeliveryOptions()), Time, new Randomizer(), Telemetry, NullLogger<FramePoster>.Instance);
        Streams = new FrameStreamFactory(Poster, FrameLog, MsOptions.Create(new StreamingOptions()), MsOptions.Create(new ResumeOptions { Enabled = resumable }));
    }

    public static ChatRouteOptions Route() => new()
    {
        ModelId = "model-a",
        MaxTokens = 512,
        RetrievalTopK = 0,
        FirstTokenTimeout = TimeSpan.FromSeconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromMinutes(1),
    };

    public Answer NewAnswer(string requestId = "r-1", string sessionId = "s-1", ChatRouteOptions? route = null, string action = "sendMessage")
    {
        Registry.TryBegin("c-1", requestId, out var active, Shopper.Id).ShouldBeTrue();
        var request = new ChatRequest("c-1", requestId, sessionId, "Which manga is like Frieren?", action, route ?? Route(), Shopper);
        return new Answer(request, active!, Streams.ForAnswer("c-1", Shopper.Id, sessionId, requestId, () => false), Time.GetTimestamp());
    }
}
