using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.AI;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

/// <summary>
/// The proof that continuation works on both kinds of model: the real client against the Bedrock emulator on
/// loopback, which refuses prefill on the 4.6 generation exactly as Bedrock does. Every fault the resilience
/// tests use, at several token positions, must end with the model's whole answer, delivered exactly once.
/// </summary>
public sealed class ContinuationProofTests(EmulatedBedrock bedrock) : IClassFixture<EmulatedBedrock>
{
    private const string PrefillModel = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string NoPrefillModel = "anthropic.claude-sonnet-4-6";
    private const string System = "You recommend manga.";
    private const int AnswerTokens = 60;

    public static TheoryData<string, string, int> Scenarios()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var model in new[] { PrefillModel, NoPrefillModel })
        {
            foreach (var fault in new[] { "reset", "stream-error", "stream-throttle", "stall" })
            {
                foreach (var position in new[] { 1, 17, 45 })
                {
                    data.Add(model, fault, position);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task StreamBrokenOnce_EndsWithTheModelsWholeAnswerExactlyOnce(string model, string fault, int position)
    {
        var question = $"Tell me about pacing [[tokens:{AnswerTokens}]] [[fault:{fault}:{position}:x1]] proof-{fault}-{position}-{model.Length}";
        var delivered = new List<string>();

        var result = await GenerateAsync(Route(model), question, delivered);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        var expected = AnswerComposer.ComposeFullText(model, System, question, AnswerTokens);
        string.Concat(delivered).ShouldBe(expected);
        result.Text.ShouldBe(expected);
    }

    [Theory]
    [InlineData(PrefillModel, NoPrefillModel)]
    [InlineData(NoPrefillModel, PrefillModel)]
    public async Task ThrottledMidAnswer_FallsBackAcrossKindsAndJoinsWithoutGapOrRepeat(string first, string fallback)
    {
        var tag = $"proof-fallback-{first.Length}";
        var question = $"Compare two series [[tokens:{AnswerTokens}]] [[fault:stream-throttle:20:x1]] {tag}";
        var delivered = new List<string>();
        var route = Route(first);
        route.FallbackModelIds = fallback;

        var result = await GenerateAsync(route, question, delivered);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        result.Model.ShouldBe(fallback);
        var calls = await bedrock.TranscriptsAsync(tag);
        var completed = calls.Single(t => t.Outcome == "completed");
        completed.ModelId.ShouldBe(fallback);
        string.Concat(delivered).ShouldBe(completed.Text);
        completed.Text.ShouldStartWith(calls.Single(t => t.Outcome != "completed").SentText.TrimEnd());
    }

    [Fact]
    public async Task NoPrefillModel_RefusesAnAssistantPrefillWithBedrocksValidationError()
    {
        var chat = bedrock.Chat;
        ChatMessage[] prefill = [new(ChatRole.User, "Hello"), new(ChatRole.Assistant, "Hi")];

        var failure = await Should.ThrowAsync<MangaAssist.Aws.Bedrock.BedrockException>(async () =>
        {
            await foreach (var _ in chat.GetStreamingResponseAsync(prefill, new ChatOptions { ModelId = NoPrefillModel }))
            {
            }
        });

        failure.StatusCode.ShouldBe(400);
        failure.AwsErrorType.ShouldBe("ValidationException");
        failure.Message.ShouldContain("does not support assistant message prefill");
    }

    private async Task<GenerationResult> GenerateAsync(ChatRouteOptions route, string question, List<string> delivered)
    {
        IReadOnlyList<ChatMessage> prompt = [new(ChatRole.System, System), new(ChatRole.User, question)];
        return await bedrock.CreateGenerator().GenerateAsync(prompt, route, delivered.Add, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static ChatRouteOptions Route(string model) => new()
    {
        ModelId = model,
        MaxTokens = 1024,
        SystemPrompt = System,
        FirstTokenTimeout = TimeSpan.FromSeconds(10),
        // A stalled stream is given up on quickly; nothing here asserts how quickly.
        IdleTimeout = TimeSpan.FromMilliseconds(300),
        TotalTimeout = TimeSpan.FromMinutes(1),
    };
}
