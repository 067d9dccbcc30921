using MangaAssist.Orchestrator.Capacity;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Capacity;

public sealed class LoadSamplerTests
{
    [Fact]
    public void Current_OneStall_DoesNotCrossABoundThatASustainedLagCrosses()
    {
        using var sut = new LoadSampler(new FakeTimeProvider());

        sut.AddLagSample(TimeSpan.FromSeconds(1));
        var afterOneStall = sut.Current.SchedulingLag;
        for (var i = 0; i < 8; i++)
        {
            sut.AddLagSample(TimeSpan.FromSeconds(1));
        }

        afterOneStall.ShouldBeLessThan(TimeSpan.FromMilliseconds(500));
        sut.Current.SchedulingLag.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public void Current_AfterATick_ReadsTheHeapFraction()
    {
        var time = new FakeTimeProvider();
        using var sut = new LoadSampler(time);
        // The figure is the heap the last collection left; make sure there was one in this test process.
        GC.Collect();

        time.Advance(LoadSampler.Interval);

        sut.Current.HeapFraction.ShouldBeInRange(double.Epsilon, 1);
    }
}
