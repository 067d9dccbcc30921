using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class SpendMeterTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Refuses_BurstAboveTheCap_RefusesAnalysesNotChatsAndClosesByItselfAfterAMinute()
    {
        var sut = ModelTable.Spend(_time, new SpendBreakerOptions { PerMinuteCap = 10 });
        for (var i = 0; i < 6; i++)
        {
            sut.Record("analyze", "model-a", "JPY", 2);
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        sut.LastMinute.ShouldBe(12);
        sut.Refuses("analyze").ShouldBeTrue();
        sut.Refuses("sendMessage").ShouldBeFalse();

        _time.Advance(TimeSpan.FromSeconds(35));
        sut.Refuses("analyze").ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(30));
        sut.LastMinute.ShouldBe(0);
    }

    [Fact]
    public void Refuses_NoCap_NeverRefuses()
    {
        var sut = ModelTable.Spend(_time, new SpendBreakerOptions());
        sut.Record("analyze", "model-a", "JPY", 1_000_000);

        sut.Refuses("analyze").ShouldBeFalse();
    }
}
