using System.Net.Http.Json;
using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation.Failover;

/// <summary>
/// A bad minute on a freshly started instance: 200 answers at once while 30 % of Bedrock calls fail with 503 and
/// 10 % reset mid-stream. The default budget starts with its burst reserve, so at least 196 complete with the
/// model's whole text exactly once; the rest end unfinished (never a cut answer called complete).
/// </summary>
public sealed class BurstProofTests(EmulatedBedrock bedrock) : IClassFixture<EmulatedBedrock>
{
    private const string Model = "anthropic.claude-3-haiku-20240307-v1:0";

    [Fact]
    public async Task TwoHundredAnswersUnder503sAndResets_AtLeast196CompleteWithTheirWholeText()
    {
        using (var control = new HttpClient { BaseAddress = bedrock.Endpoint })
        {
            (await control.PostAsJsonAsync("/_emulator/faults", new { http503 = 0.3, reset = 0.1, faultAfterTokensMin = 1, faultAfterTokensMax = 30, seed = 7 }))
                .EnsureSuccessStatusCode();
        }

        try
        {
            var generator = DefaultConduct.Create(bedrock.Chat);
            var route = DefaultConduct.Route(Model);
            var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
            {
                var question = $"Question {i} [[tokens:40]] burst-{i}";
                var delivered = new List<string>();
                var result = await generator.GenerateAsync(DefaultConduct.Prompt(question), route, delivered.Add, CancellationToken.None);
                return (Question: question, Result: result, Text: string.Concat(delivered));
            })).WaitAsync(TimeSpan.FromSeconds(120));

            foreach (var (question, result, text) in answers)
            {
                var expected = AnswerComposer.ComposeFullText(Model, DefaultConduct.System, question, 40);
                if (result.Completed)
                {
                    text.ShouldBe(expected, question);
                }
                else
                {
                    expected.ShouldStartWith(text, customMessage: question);
                }
            }

            var failures = string.Join(", ", answers.Where(a => !a.Result.Completed).Select(a => a.Result.Outcome.Reason));
            answers.Count(a => a.Result.Completed).ShouldBeGreaterThanOrEqualTo(196, failures);
        }
        finally
        {
            using var control = new HttpClient { BaseAddress = bedrock.Endpoint };
            await control.DeleteAsync(new Uri("/_emulator/faults", UriKind.Relative));
        }
    }
}
