using MangaAssist.LoadTest.Cli;

namespace MangaAssist.LoadTest.Tests;

public sealed class FleetArgumentsTests
{
    [Fact]
    public void Parse_Fleet_WithKillAndRollingRestart()
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--fleet", "3", "--kill-after", "20s", "--rolling-restart"]);

        problems.ShouldBeEmpty();
        options!.Fleet.ShouldBe(3);
        options.KillAfter.ShouldBe(TimeSpan.FromSeconds(20));
        options.RollingRestart.ShouldBeTrue();
        options.Stack.ShouldBe(StackMode.Split);
    }

    [Fact]
    public void Parse_WithoutFleet_NothingIsSignalled()
    {
        var (options, problems) = ArgumentParser.Parse(["steady"]);

        problems.ShouldBeEmpty();
        options!.Fleet.ShouldBeNull();
        options.KillAfter.ShouldBeNull();
        options.RollingRestart.ShouldBeFalse();
    }

    [Theory]
    [InlineData("give --fleet N", "steady", "--kill-after", "10s")]
    [InlineData("give --fleet N", "steady", "--rolling-restart")]
    [InlineData("at most 8", "steady", "--fleet", "9")]
    [InlineData("cannot be combined", "steady", "--fleet", "2", "--target", "ws://127.0.0.1:8080")]
    [InlineData("cannot be combined", "steady", "--fleet", "2", "--stack", "localedge")]
    [InlineData("does not apply", "cache", "--fleet", "2")]
    [InlineData("does not apply", "peer-portkey", "--fleet", "2")]
    [InlineData("inside the run", "steady", "--fleet", "2", "--warmup", "5s", "--duration", "10s", "--kill-after", "15s")]
    [InlineData("at least two", "steady", "--fleet", "1", "--rolling-restart")]
    [InlineData("--fleet must be", "steady", "--fleet", "0")]
    public void Parse_FleetMisuse_IsAProblem(string expected, params string[] args)
    {
        var (options, problems) = ArgumentParser.Parse(args);

        options.ShouldBeNull();
        problems.ShouldContain(p => p.Contains(expected, StringComparison.Ordinal));
    }
}
