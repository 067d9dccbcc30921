using MangaAssist.LoadTest.Cli;

namespace MangaAssist.LoadTest.Tests;

public sealed class ArgumentParserTests
{
    [Fact]
    public void Parse_ProfileOnly_TakesTheProfilesDefaultsAndStartsTheStack()
    {
        var (options, problems) = ArgumentParser.Parse(["steady"]);

        problems.ShouldBeEmpty();
        options!.Profile.Name.ShouldBe("steady");
        options.Users.ShouldBe(60);
        options.MessagesPerSecond.ShouldBe(11.6);
        options.Duration.ShouldBe(TimeSpan.FromSeconds(60));
        options.Stack.ShouldBe(StackMode.Split);
        options.TargetIsEmulator.ShouldBeTrue();
        options.VerifyText.ShouldBe(TextVerification.All);
        options.FlushInterval.ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Parse_Overrides_WinOverTheProfile()
    {
        var (options, problems) = ArgumentParser.Parse(
            ["long", "--users", "5", "--rate=0.5", "--duration", "2m", "--max-messages", "10", "--tokens", "300", "--ttft", "50", "--verify-text", "4", "--no-progress"]);

        problems.ShouldBeEmpty();
        options!.Action.ShouldBe("analyze");
        options.Users.ShouldBe(5);
        options.MessagesPerSecond.ShouldBe(0.5);
        options.Duration.ShouldBe(TimeSpan.FromMinutes(2));
        options.MaxMessages.ShouldBe(10);
        options.AnswerTokens.ShouldBe(300);
        options.EmulatorTimeToFirstTokenMs.ShouldBe(50);
        options.VerifyText.OneIn.ShouldBe(4);
        options.Progress.ShouldBeFalse();
    }

    [Fact]
    public void Parse_ConfigurationStyleArguments_GoToTheStackAndSetTheFlushInterval()
    {
        var (options, problems) = ArgumentParser.Parse(
            ["steady", "--BedrockEmulator:TokensPerSecond=100", "--Streaming:FlushInterval=00:00:00.050"]);

        problems.ShouldBeEmpty();
        options!.StackArgs.ShouldBe(["--BedrockEmulator:TokensPerSecond=100", "--Streaming:FlushInterval=00:00:00.050"]);
        options.FlushInterval.ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Parse_Capacity_RunsTheShippedDefaults_WithOnlyTheUsersArguments()
    {
        var (options, _) = ArgumentParser.Parse(["capacity", "--Capacity:MaxConcurrentStreams=256"]);

        options!.Users.ShouldBe(1000);
        options.MessagesPerSecond.ShouldBe(0);
        options.StackArgs.ShouldBe(["--Capacity:MaxConcurrentStreams=256"]);
        options.ThinkTime.ShouldBe(LoadProfile.CapacityThinkTime);
    }

    [Fact]
    public void Parse_Saturation_IsTheThousandUsersWithoutThinkTime_AndThinkTimeCanBeGiven()
    {
        var (saturation, _) = ArgumentParser.Parse(["saturation"]);
        var (paced, _) = ArgumentParser.Parse(["saturation", "--think-time", "2s"]);

        saturation!.Users.ShouldBe(1000);
        saturation.ThinkTime.ShouldBe(TimeSpan.Zero);
        saturation.StackArgs.ShouldBeEmpty();
        paced!.ThinkTime.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Parse_LoopbackTarget_UsesTheEmulatorsOnTheirDefaultPorts()
    {
        var (options, problems) = ArgumentParser.Parse(["chaos", "--target", "ws://127.0.0.1:8080"]);

        problems.ShouldBeEmpty();
        options!.Stack.ShouldBe(StackMode.External);
        options.BedrockControlUrl.ShouldBe(new Uri("http://127.0.0.1:8090"));
        options.GatewayControlUrl.ShouldBe(new Uri("http://127.0.0.1:8080"));
        options.TokenIssuerUrl.ShouldBe(new Uri("http://127.0.0.1:8070"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9070", "http://127.0.0.1:9070/")]
    [InlineData("none", null)]
    public void Parse_IssuerUrl_NamesTheRunningStacksIssuerOrNone(string given, string? expected)
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--target", "ws://127.0.0.1:8080", "--issuer-url", given]);

        problems.ShouldBeEmpty();
        options!.TokenIssuerUrl?.ToString().ShouldBe(expected);
        (options.TokenIssuerUrl is null).ShouldBe(expected is null);
    }

    [Fact]
    public void Parse_RemoteTarget_HasNoIssuerUnlessOneIsGiven()
    {
        var (options, _) = ArgumentParser.Parse(["steady", "--target", "wss://abc.execute-api.ap-northeast-1.amazonaws.com/prod"]);

        options!.TokenIssuerUrl.ShouldBeNull();
    }

    [Fact]
    public void Parse_IssuerUrlWithoutTarget_IsRefusedBecauseAStartedStackBringsItsOwn()
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--issuer-url", "http://127.0.0.1:8070"]);

        options.ShouldBeNull();
        problems.ShouldHaveSingleItem().ShouldContain("--issuer-url");
    }

    [Fact]
    public void Parse_RemoteTarget_HasNoEmulatorSoChaosIsRefused()
    {
        var (options, problems) = ArgumentParser.Parse(["chaos", "--target", "wss://abc.execute-api.ap-northeast-1.amazonaws.com/prod"]);

        options.ShouldBeNull();
        problems.ShouldHaveSingleItem().ShouldContain("chaos");
    }

    [Fact]
    public void Parse_RemoteTarget_SendsPlainQuestions()
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--target", "wss://abc.execute-api.ap-northeast-1.amazonaws.com/prod"]);

        problems.ShouldBeEmpty();
        options!.TargetIsEmulator.ShouldBeFalse();
        options.Target!.Scheme.ShouldBe("wss");
    }

    [Fact]
    public void Parse_EveryProblem_IsReportedAtOnce()
    {
        var (options, problems) = ArgumentParser.Parse(
            ["steady", "--users", "0", "--rate", "fast", "--duration", "soon", "--stack", "docker", "--frobnicate", "1", "stray"]);

        options.ShouldBeNull();
        problems.Count.ShouldBe(6);
        problems.ShouldContain(p => p.Contains("--users"));
        problems.ShouldContain(p => p.Contains("--rate"));
        problems.ShouldContain(p => p.Contains("--duration"));
        problems.ShouldContain(p => p.Contains("--stack"));
        problems.ShouldContain(p => p.Contains("--frobnicate"));
        problems.ShouldContain(p => p.Contains("stray"));
    }

    [Theory]
    [InlineData("--verify-text", "maybe", "--verify-text must be all, none or a number (was \"maybe\").")]
    [InlineData("--action", "ask", "--action must be one of sendMessage, analyze (was \"ask\").")]
    [InlineData("--rate", "-1", "--rate must be a number ≥ 0 (was \"-1\").")]
    [InlineData("--drain", "later", "--drain must be a duration such as 500ms, 60s, 2m or 00:01:30 (was \"later\").")]
    public void Parse_BadValue_IsOneClearProblemNamingTheOption(string option, string value, string problem)
    {
        var (options, problems) = ArgumentParser.Parse(["steady", $"{option}={value}"]);

        options.ShouldBeNull();
        problems.ShouldHaveSingleItem().ShouldBe(problem);
    }

    [Fact]
    public void Parse_OptionWithoutItsValue_IsAProblemNamingTheOption()
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--users"]);

        options.ShouldBeNull();
        problems.ShouldHaveSingleItem().ShouldContain("--users");
    }

    [Fact]
    public void Parse_Help_AsksForTheUsageWhichListsEveryOption()
    {
        var (options, problems) = ArgumentParser.Parse(["steady", "--help"]);

        options.ShouldBeNull();
        problems.ShouldBeEmpty();
        ArgumentParser.UsageText().ShouldContain("--probe-interval");
    }

    [Fact]
    public void Parse_TargetThatIsNotAWebSocketUrl_IsAProblem()
    {
        var (_, problems) = ArgumentParser.Parse(["steady", "--target", "http://127.0.0.1:8080"]);

        problems.ShouldHaveSingleItem().ShouldContain("ws://");
    }

    [Fact]
    public void Parse_UnknownProfile_NamesTheKnownOnes()
    {
        var (_, problems) = ArgumentParser.Parse(["soak"]);

        problems.ShouldHaveSingleItem().ShouldContain("steady, burst, long, chaos, capacity");
    }

    [Fact]
    public void Parse_NoArguments_AsksForTheUsage()
    {
        var (options, problems) = ArgumentParser.Parse([]);

        options.ShouldBeNull();
        problems.ShouldBeEmpty();
        ArgumentParser.UsageText().ShouldContain("capacity");
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("00:01:30", 90_000)]
    public void TryParseTime_AcceptsUnitsAndTimeSpans(string text, double milliseconds)
    {
        ArgumentParser.TryParseTime(text, out var time).ShouldBeTrue();
        time.TotalMilliseconds.ShouldBe(milliseconds);
    }
}
