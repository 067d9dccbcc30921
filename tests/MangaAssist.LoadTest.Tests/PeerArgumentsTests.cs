using MangaAssist.LoadTest.Cli;

namespace MangaAssist.LoadTest.Tests;

public sealed class PeerArgumentsTests
{
    [Fact]
    public void Parse_PeerPortkey_MeasuresTheIssuesConcurrenciesOnAStartedStackWithShippedDefaults()
    {
        var (options, problems) = ArgumentParser.Parse(["peer-portkey"]);

        problems.ShouldBeEmpty();
        options!.Profile.PeerComparison.ShouldBeTrue();
        options.Levels.ShouldBe([50, 200, 1000]);
        options.Stack.ShouldBe(StackMode.Split);
        options.StackArgs.ShouldBeEmpty();
        options.Duration.ShouldBe(TimeSpan.FromSeconds(20));
        options.TargetIsEmulator.ShouldBeTrue();
    }

    [Fact]
    public void Parse_Levels_AreTakenInOrder()
    {
        var (options, problems) = ArgumentParser.Parse(["peer-portkey", "--levels", "200, 50", "--duration", "10s", "--Capacity:MaxConcurrentStreams=1000"]);

        problems.ShouldBeEmpty();
        options!.Levels.ShouldBe([200, 50]);
        options.StackArgs.ShouldBe(["--Capacity:MaxConcurrentStreams=1000"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("50,x")]
    [InlineData("50,,200")]
    [InlineData("9000")]
    public void Parse_BadLevels_AreReportedWithTheOptionsName(string levels)
    {
        var (options, problems) = ArgumentParser.Parse(["peer-portkey", "--levels", levels]);

        options.ShouldBeNull();
        problems.ShouldContain(p => p.Contains("--levels", StringComparison.Ordinal) && p.Contains(levels, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LevelsOnAnotherProfile_IsAProblem()
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--levels", "50"]);

        options.ShouldBeNull();
        problems.ShouldContain("--levels applies to the peer-portkey profile only.");
    }

    [Theory]
    [InlineData("--target", "ws://127.0.0.1:8080")]
    [InlineData("--stack", "localedge")]
    [InlineData("--users", "10")]
    [InlineData("--rate", "5")]
    public void Parse_PeerPortkey_RefusesWhatWouldMakeItsFiguresIncomparable(string name, string value)
    {
        var (options, problems) = ArgumentParser.Parse(["peer-portkey", name, value]);

        options.ShouldBeNull();
        problems.ShouldContain(p => p.StartsWith("The peer-portkey profile", StringComparison.Ordinal));
    }
}
