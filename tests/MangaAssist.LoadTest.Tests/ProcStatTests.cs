using MangaAssist.LoadTest.Stack;

namespace MangaAssist.LoadTest.Tests;

public sealed class ProcStatTests
{
    [Fact]
    public void Parse_CommandNameWithSpacesAndParentheses_ReadsUtimeStimeAndMemory()
    {
        const string stat = "4242 (dotnet (a) b) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 30 0 500 123456789 2500 18446744073709551615";
        string[] status = ["Name:\tdotnet", "VmHWM:\t  204800 kB", "VmRSS:\t  102400 kB", "Threads:\t30"];

        var parsed = ProcStat.Parse(stat, status);

        parsed.ShouldBe(new ProcStat(1234 + 567, 102_400, 204_800));
    }

    [Fact]
    public void ParseMachine_AggregateCpuLine_CountsEverythingButIdleAndIowait() =>
        ProcStat.ParseMachine("cpu  100 5 50 1000 20 3 2 1 0 0")!.Value.CpuTicks.ShouldBe(100 + 5 + 50 + 3 + 2 + 1);

    [Fact]
    public void Parse_TruncatedStatLine_IsNull() =>
        ProcStat.Parse("1 (x) S 1 2", []).ShouldBeNull();

    [Fact]
    public void TryRead_ThisProcess_HasCpuTimeAndMemory()
    {
        var stat = ProcStat.TryRead(Environment.ProcessId);

        stat.ShouldNotBeNull();
        stat.Value.RssKb.ShouldBeGreaterThan(0);
        stat.Value.HwmKb.ShouldBeGreaterThanOrEqualTo(stat.Value.RssKb);
    }

    [Fact]
    public async Task ProcessSampler_MarkedWindow_CountsOnlyTheCpuBetweenItsEnds()
    {
        await using var sampler = new ProcessSampler(new Dictionary<string, int> { ["self"] = Environment.ProcessId });
        sampler.Snapshot()["self"].WindowCpuSeconds.ShouldBeNull();

        sampler.MarkWindowStart();
        // Burn at least 5 ticks of CPU (USER_HZ 100: 10 ms each) by this process's own clock, however busy the machine is.
        var before = ProcStat.TryRead(Environment.ProcessId)!.Value.CpuTicks;
        var spins = 0L;
        while (ProcStat.TryRead(Environment.ProcessId)!.Value.CpuTicks - before < 5)
        {
            spins++;
        }

        sampler.MarkWindowEnd();

        var window = sampler.Snapshot()["self"];
        spins.ShouldBeGreaterThan(0);
        window.WindowCpuSeconds.ShouldNotBeNull();
        window.WindowCpuSeconds.Value.ShouldBeGreaterThanOrEqualTo(0.05);
        // Not the process's whole CPU time: the test host's start-up lies before the window.
        window.WindowCpuSeconds.Value.ShouldBeLessThan(ProcStat.TryRead(Environment.ProcessId)!.Value.CpuTicks / (double)ProcStat.TicksPerSecond);
        window.WindowCpuPercent!.Value.ShouldBeGreaterThan(0);
    }
}
