using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>
/// The conduct with the real client against the Bedrock emulator on loopback, the shipped route timeouts and the
/// default resilience options: the model's text exactly once, and which model did what, from the emulator's transcripts.
/// </summary>
public sealed class EmulatedFailoverProofTests(EmulatedBedrock bedrock) : IClassFixture<EmulatedBedrock>
{
    private const string Primary = "anthropic.claude-3-haiku-20240307-v1:0";
    private const string Fallback = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StallAfterTwentyOfSixtyTokens_ContinuesOnTheNextModelWithTheWholeTextOnce()
    {
        var tag = "proof-stall-20";
        var question = $"Tell me about pacing [[tokens:60]] [[fault:stall:20:x1]] {tag}";
        var delivered = new List<string>();

        var result = await DefaultConduct.Create(bedrock.Chat)
            .GenerateAsync(DefaultConduct.Prompt(question), DefaultConduct.Route(Primary, Fallback), delivered.Add, CancellationToken.None).WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        var calls = await bedrock.TranscriptsAsync(tag);
        var stalled = calls.Single(t => t.ModelId == Primary);
        stalled.TokensSent.ShouldBe(20);
        var completed = calls.Single(t => t.Outcome == "completed");
        completed.ModelId.ShouldBe(Fallback);
        string.Concat(delivered).ShouldBe(completed.Text);
        result.Text.ShouldBe(completed.Text);
        completed.Text.ShouldStartWith(stalled.SentText.TrimEnd());
    }

    [Theory]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("model-not-ready")]
    public async Task TransientErrorOnce_RetriesTheSameModelAndDeliversItsAnswerOnce(string fault)
    {
        var tag = $"proof-same-{fault}";
        var question = $"Recommend a series [[tokens:30]] [[fault:{fault}:x1]] {tag}";
        var delivered = new List<string>();

        var result = await DefaultConduct.Create(bedrock.Chat)
            .GenerateAsync(DefaultConduct.Prompt(question), DefaultConduct.Route(Primary, Fallback), delivered.Add, CancellationToken.None).WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        var expected = AnswerComposer.ComposeFullText(Primary, DefaultConduct.System, question, 30);
        string.Concat(delivered).ShouldBe(expected);
        (await bedrock.TranscriptsAsync(tag)).Select(t => t.ModelId).ShouldBe([Primary, Primary]);
    }

    [Fact]
    public async Task ResetMidStreamAfterFortyOfSixty_IsContinuedWithTheWholeTextOnce()
    {
        var question = "Compare two series [[tokens:60]] [[fault:reset:40:x1]] proof-reset-40";
        var delivered = new List<string>();

        var result = await DefaultConduct.Create(bedrock.Chat)
            .GenerateAsync(DefaultConduct.Prompt(question), DefaultConduct.Route(Primary, Fallback), delivered.Add, CancellationToken.None).WaitAsync(Patience);

        result.Completed.ShouldBeTrue(result.Outcome.Reason);
        string.Concat(delivered).ShouldBe(AnswerComposer.ComposeFullText(Primary, DefaultConduct.System, question, 60));
    }
}
