using MangaAssist.Aws.Bedrock.Models;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.AI;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

/// <summary>Prompt caching, price and guardrails end to end: the generator and the real client against the Bedrock emulator.</summary>
public sealed class BedrockFeaturesProofTests(EmulatedBedrock bedrock) : IClassFixture<EmulatedBedrock>
{
    private const string CachingModel = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static readonly string LongSystem = string.Join(' ', Enumerable.Repeat("You are MangaAssist and follow the store rules.", 400));

    [Fact]
    public async Task SecondQuestionOfASession_ReadsTheCachedPrefixAndCostsLessInput()
    {
        var generator = bedrock.CreateGenerator();
        var route = Route();
        var session = Guid.NewGuid().ToString("N");

        var first = await AskAsync(generator, route, $"First question [[tokens:5]] {session}");
        var second = await AskAsync(generator, route, $"Second question [[tokens:5]] {session}");

        first.Completed.ShouldBeTrue();
        second.Completed.ShouldBeTrue();
        first.Usage.CacheWriteInputTokens.ShouldBeGreaterThan(0);
        second.Usage.CacheReadInputTokens.ShouldBe(first.Usage.CacheWriteInputTokens);
        second.Usage.Currency.ShouldBe("JPY");
        second.Usage.Cost!.Value.ShouldBeLessThan(first.Usage.Cost!.Value);
        second.Usage.Cost!.Value.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task ModelWithoutCaching_SendsNoCachePointAndReportsNoCacheTokens()
    {
        var route = Route("anthropic.claude-3-haiku-20240307-v1:0");
        var session = Guid.NewGuid().ToString("N");
        var generator = bedrock.CreateGenerator();

        await AskAsync(generator, route, $"First [[tokens:5]] {session}");
        var second = await AskAsync(generator, route, $"Second [[tokens:5]] {session}");

        second.Completed.ShouldBeTrue();
        second.Usage.CacheReadInputTokens.ShouldBe(0);
        second.Usage.CacheWriteInputTokens.ShouldBe(0);
    }

    [Fact]
    public async Task GuardrailInterveningMidAnswer_EndsUnfinishedWithTheGuardrailCodeAndNothingAfterItsMessage()
    {
        var route = Route("anthropic.claude-sonnet-4-6");
        route.Bedrock.GuardrailId = "gr-local";
        route.Bedrock.GuardrailVersion = "1";
        var delivered = new List<string>();
        const string question = "Tell me something off-topic [[tokens:30]] [[guardrail:6]]";

        var result = await bedrock.CreateGenerator().GenerateAsync(
            [new(ChatRole.System, "You are MangaAssist."), new(ChatRole.User, "<passage>context</passage>\n\n" + question)],
            route, delivered.Add, CancellationToken.None, question: question).WaitAsync(TimeSpan.FromSeconds(30));

        result.Completed.ShouldBeFalse();
        result.Outcome.Result.ShouldBe(AttemptResult.GuardrailIntervened);
        string.Concat(delivered).ShouldEndWith("Sorry, the model cannot answer this question.");
        var frame = ErrorCatalog.ForModelFailure(result.Outcome);
        frame.Code.ShouldBe(ErrorCodes.GuardrailIntervened);
        frame.Retryable.ShouldBeFalse();
    }

    private static Task<GenerationResult> AskAsync(ResilientAnswerGenerator generator, ChatRouteOptions route, string question) =>
        generator.GenerateAsync([new(ChatRole.System, LongSystem), new(ChatRole.User, question)], route, _ => { }, CancellationToken.None, question: question)
            .WaitAsync(TimeSpan.FromSeconds(30));

    private static ChatRouteOptions Route(string model = CachingModel) => new()
    {
        ModelId = model,
        MaxTokens = 1024,
        SystemPrompt = LongSystem,
        FirstTokenTimeout = TimeSpan.FromSeconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromMinutes(1),
    };
}
