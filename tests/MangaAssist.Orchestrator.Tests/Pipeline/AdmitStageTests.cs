using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace MangaAssist.Orchestrator.Tests.Pipeline;

public sealed class AdmitStageTests
{
    private PipelineParts _parts = new();

    private AdmitStage CreateSut(int connectionMessages = 10, int streams = 1, int queue = 0, SpendMeter? spend = null, decimal fleetCap = 0)
    {
        _parts = new PipelineParts(sharedStateSettings: new Dictionary<string, string?>
        {
            ["SharedState:RateLimits:ConnectionMessages:Capacity"] = connectionMessages.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var limiter = _parts.Shared.Limiter;
        var capacity = new StreamAdmission(MsOptions.Create(new CapacityOptions { MaxConcurrentStreams = streams, MaxQueuedRequests = queue, BusyRetryAfter = TimeSpan.FromSeconds(2) }), _parts.Time);
        return new AdmitStage(new RequestLimits(limiter, NullLogger<RequestLimits>.Instance), capacity, new ResilienceTelemetry(_parts.Meters), NullLogger<AdmitStage>.Instance,
            spend, new SpendTelemetry(_parts.Meters), MsOptions.Create(new SpendBreakerOptions { RetryAfter = TimeSpan.FromSeconds(20), PerMinuteCap = fleetCap }),
            _parts.Shared.SpendWindow);
    }

    [Fact]
    public async Task AdmitAsync_WithinLimitsAndCapacity_HoldsAStreamAndSendsNothing()
    {
        using var admission = await CreateSut().AdmitAsync(_parts.NewAnswer());

        admission.Admitted.ShouldBeTrue();
        _parts.Connections.Frames.ShouldBeEmpty();
    }

    [Fact]
    public async Task AdmitAsync_OverTheConnectionLimit_RefusesWithRateLimited()
    {
        var sut = CreateSut(connectionMessages: 1);
        using var first = await sut.AdmitAsync(_parts.NewAnswer("r-1"));

        using var second = await sut.AdmitAsync(_parts.NewAnswer("r-2"));

        second.Refusal.ShouldBe(AnswerOutcome.RateLimited);
        _parts.Connections.Last.GetProperty("code").GetString().ShouldBe("rate_limited");
    }

    [Fact]
    public async Task AdmitAsync_SpendBreakerOpen_RefusesAnalysesButAdmitsChats()
    {
        var spend = ModelTable.Spend(TimeProvider.System, new SpendBreakerOptions { PerMinuteCap = 1 });
        spend.Record("analyze", "model-a", "JPY", 5);
        var sut = CreateSut(streams: 2, spend: spend);

        using var analysis = await sut.AdmitAsync(_parts.NewAnswer("r-1", action: "analyze"));
        var refusal = _parts.Connections.Last;
        using var chat = await sut.AdmitAsync(_parts.NewAnswer("r-2"));

        analysis.Refusal.ShouldBe(AnswerOutcome.Busy);
        refusal.GetProperty("code").GetString().ShouldBe("spend_limited");
        refusal.GetProperty("retryAfterMs").GetInt32().ShouldBe(20000);
        chat.Admitted.ShouldBeTrue();
    }

    [Fact]
    public async Task AdmitAsync_FleetSpendAboveTheCap_RefusesAnalysesButAdmitsChats()
    {
        // This instance has spent nothing; the fleet's window (another instance's answers) is over the cap.
        var sut = CreateSut(streams: 2, fleetCap: 1);
        await _parts.Shared.SpendWindow.AddAsync(5m);

        using var analysis = await sut.AdmitAsync(_parts.NewAnswer("r-1", action: "analyze"));
        var refusal = _parts.Connections.Last;
        using var chat = await sut.AdmitAsync(_parts.NewAnswer("r-2"));

        analysis.Refusal.ShouldBe(AnswerOutcome.Busy);
        refusal.GetProperty("code").GetString().ShouldBe("spend_limited");
        chat.Admitted.ShouldBeTrue();
    }

    [Fact]
    public async Task AdmitAsync_FleetSpendBelowTheCap_AdmitsAnalyses()
    {
        var sut = CreateSut(streams: 2, fleetCap: 10);
        await _parts.Shared.SpendWindow.AddAsync(5m);

        using var analysis = await sut.AdmitAsync(_parts.NewAnswer("r-1", action: "analyze"));

        analysis.Admitted.ShouldBeTrue();
    }

    [Fact]
    public async Task AdmitAsync_NoStreamFreeAndNoQueue_RefusesWithBusyAndItsRetryHint()
    {
        var sut = CreateSut(streams: 1, queue: 0);
        using var first = await sut.AdmitAsync(_parts.NewAnswer("r-1"));

        using var second = await sut.AdmitAsync(_parts.NewAnswer("r-2"));

        second.Refusal.ShouldBe(AnswerOutcome.Busy);
        _parts.Connections.Last.GetProperty("code").GetString().ShouldBe("busy");
        _parts.Connections.Last.GetProperty("retryAfterMs").GetInt32().ShouldBe(2000);
    }
}
