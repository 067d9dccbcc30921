using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Running;

namespace MangaAssist.LoadTest.Tests;

public sealed class CacheProfileTests
{
    [Fact]
    public void Parse_Cache_TakesItsDefaultsAndLiftsThePerConnectionLimit()
    {
        var (options, problems) = ArgumentParser.Parse(["cache"]);

        problems.ShouldBeEmpty();
        options!.Profile.Cache.ShouldBeTrue();
        options.Users.ShouldBe(50);
        options.Questions.ShouldBe(20);
        options.MessagesPerSecond.ShouldBe(0);
        options.Duration.ShouldBe(TimeSpan.FromSeconds(30));
        options.Warmup.ShouldBe(TimeSpan.FromSeconds(5));
        options.ProbeInterval.ShouldBe(TimeSpan.Zero);
        options.StackArgs.ShouldContain("--SharedState:RateLimits:ConnectionMessages:Capacity=1000000");
        options.StackArgs.ShouldContain("--SharedState:RateLimits:ConnectionMessages:RefillPerSecond=1000000");
    }

    [Fact]
    public void Parse_CacheWithOptions_TakesThem()
    {
        var (options, problems) = ArgumentParser.Parse(["cache", "--users", "8", "--questions", "3", "--duration", "10s", "--warmup", "0"]);

        problems.ShouldBeEmpty();
        options!.Users.ShouldBe(8);
        options.Questions.ShouldBe(3);
        options.Warmup.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Parse_CacheWithARate_IsRefused() =>
        ArgumentParser.Parse(["cache", "--rate", "10"]).Problems.ShouldContain(p => p.Contains("closed loop", StringComparison.Ordinal));

    [Fact]
    public void Parse_QuestionsOnAnotherProfile_IsRefused() =>
        ArgumentParser.Parse(["steady", "--questions", "5"]).Problems.ShouldContain("--questions applies to the cache profile only.");

    [Fact]
    public void Parse_CacheAgainstATarget_StartsNothing()
    {
        var (options, problems) = ArgumentParser.Parse(["cache", "--target", "ws://127.0.0.1:8080"]);

        problems.ShouldBeEmpty();
        options!.Stack.ShouldBe(StackMode.External);
    }

    [Fact]
    public void CacheText_IsTheSameForEveryRequestAndDistinctPerQuestion()
    {
        var (options, _) = ArgumentParser.Parse(["cache"]);
        var questions = new Questions(options!, "abc123");

        questions.CacheText(3).ShouldBe(questions.CacheText(3));
        questions.CacheText(3).ShouldContain("#lt-abc123-q3#");
        questions.CacheText(3).ShouldContain("[[ttft:300]] [[tps:60]]");
        Enumerable.Range(0, 60).Select(questions.CacheText).Distinct().Count().ShouldBe(60);
        Enumerable.Range(0, 60).Select(Questions.CacheQuestion).Distinct().Count().ShouldBe(60);
    }

    [Fact]
    public void CacheText_ForARemoteTarget_HasNoEmulatorMarkers()
    {
        var (options, _) = ArgumentParser.Parse(["cache", "--target", "wss://chat.example.com/prod"]);

        new Questions(options!, "abc123").CacheText(0).ShouldBe($"{Questions.CacheQuestion(0)} #lt-abc123-q0#");
    }

    [Fact]
    public void CacheReferences_FirstModelAnswerIsTheReferenceForCachedOnes()
    {
        var references = new CacheReferences();

        references.Check(1, cached: true, "早い").ShouldBe(CacheTextVerdict.NoReference);
        references.Check(1, cached: false, "答え").ShouldBe(CacheTextVerdict.Reference);
        references.Check(1, cached: false, "答え").ShouldBe(CacheTextVerdict.Uncached);
        references.Check(1, cached: true, "答え").ShouldBe(CacheTextVerdict.Same);
        references.Check(1, cached: true, "答え ").ShouldBe(CacheTextVerdict.Different);
        references.Check(2, cached: true, "答え").ShouldBe(CacheTextVerdict.NoReference);
        references.Reference(1).ShouldBe("答え");
        references.Reference(2).ShouldBeNull();
    }
}
