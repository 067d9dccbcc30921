using System.Diagnostics.Metrics;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Generation;

public sealed class ModelCircuitBreakersTests
{
    private const string Model = "model-a";
    private const int MinimumThroughput = 4;
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new();
    private int _calls;

    private ModelCircuitBreakers CreateSut() => new(
        Microsoft.Extensions.Options.Options.Create(new ResilienceOptions
        {
            CircuitFailureRatio = 0.5,
            CircuitMinimumThroughput = MinimumThroughput,
            CircuitSamplingDuration = TimeSpan.FromSeconds(30),
            CircuitBreakDuration = BreakDuration,
        }),
        _time,
        new ResilienceTelemetry(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
        NullLogger<ModelCircuitBreakers>.Instance);

    private static AttemptOutcome Unavailable(string model) =>
        AttemptOutcome.Failed(model, new BedrockException(BedrockErrorKind.ServiceUnavailable, "Service unavailable.", 503));

    private ValueTask<AttemptOutcome> CallAsync(ModelCircuitBreakers sut, AttemptOutcome answer, string model = Model) =>
        sut.ExecuteAsync(model, (a, _, _) =>
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(a);
        }, answer, CancellationToken.None);

    private async Task OpenAsync(ModelCircuitBreakers sut, string model = Model)
    {
        for (var i = 0; i < MinimumThroughput; i++)
        {
            await CallAsync(sut, Unavailable(model), model);
        }
    }

    /// <summary>
    /// Opens the circuit, lets the break pass and starts the trial call, which runs until <c>Finish</c> is set; with
    /// <paramref name="answers"/> it first reports that the model answered.
    /// </summary>
    private async Task<(ModelCircuitBreakers Sut, Task<AttemptOutcome> Trial, TaskCompletionSource<AttemptOutcome> Finish)> StartTrialAsync(bool answers)
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(BreakDuration);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource<AttemptOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trial = sut.ExecuteAsync(Model, async (_, health, _) =>
        {
            if (answers)
            {
                health.MarkAnswered();
            }

            running.SetResult();
            return await finish.Task;
        }, 0, CancellationToken.None).AsTask();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (sut, trial, finish);
    }

    [Fact]
    public async Task ExecuteAsync_FewerFailuresThanTheMinimumThroughput_KeepsCallingTheModel()
    {
        var sut = CreateSut();
        for (var i = 0; i < MinimumThroughput - 1; i++)
        {
            await CallAsync(sut, Unavailable(Model));
        }

        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.Completed);

        _calls.ShouldBe(MinimumThroughput);
        sut.OpenCount.ShouldBe(0);
    }

    [Fact]
    public async Task ExecuteAsync_AfterTheConfiguredFailures_OpensAndFailsFast()
    {
        var sut = CreateSut();
        await OpenAsync(sut);

        var outcome = await CallAsync(sut, AttemptOutcome.Completed(Model));

        outcome.Result.ShouldBe(AttemptResult.CircuitOpen);
        outcome.Model.ShouldBe(Model);
        outcome.RetryAfter.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(BreakDuration);
        _calls.ShouldBe(MinimumThroughput);
        sut.OpenCount.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_FailuresThatSayNothingAboutTheModel_DoNotOpen()
    {
        var sut = CreateSut();
        var invalid = AttemptOutcome.Failed(Model, new BedrockException(BedrockErrorKind.Validation, "Bad request.", 400));
        for (var i = 0; i < MinimumThroughput * 3; i++)
        {
            await CallAsync(sut, invalid);
        }

        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.Completed);
        sut.OpenCount.ShouldBe(0);
    }

    [Fact]
    public async Task ExecuteAsync_OneModelOpen_LeavesOtherModelsClosed()
    {
        var sut = CreateSut();
        await OpenAsync(sut, "model-a");

        (await CallAsync(sut, AttemptOutcome.Completed("model-b"), "model-b")).Result.ShouldBe(AttemptResult.Completed);
    }

    [Fact]
    public async Task ExecuteAsync_BeforeTheBreakEnds_StaysOpen()
    {
        var sut = CreateSut();
        await OpenAsync(sut);

        _time.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));

        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.CircuitOpen);
        _calls.ShouldBe(MinimumThroughput);
    }

    [Fact]
    public async Task ExecuteAsync_AfterTheBreak_LetsOneTrialCallThrough()
    {
        var (sut, trial, finishTrial) = await StartTrialAsync(answers: false);

        // While the trial runs, everything else still fails fast.
        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.CircuitOpen);
        _calls.ShouldBe(MinimumThroughput);
        finishTrial.SetResult(AttemptOutcome.Completed(Model));
        (await trial.WaitAsync(TimeSpan.FromSeconds(10))).Result.ShouldBe(AttemptResult.Completed);
    }

    [Fact]
    public async Task ExecuteAsync_TrialSucceeds_ClosesTheCircuit()
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(BreakDuration);

        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.Completed);

        sut.OpenCount.ShouldBe(0);
        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.Completed);
        _calls.ShouldBe(MinimumThroughput + 2);
    }

    [Fact]
    public async Task ExecuteAsync_TrialFails_OpensAgain()
    {
        var sut = CreateSut();
        await OpenAsync(sut);
        _time.Advance(BreakDuration);

        (await CallAsync(sut, Unavailable(Model))).Result.ShouldBe(AttemptResult.Failed);

        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.CircuitOpen);
        sut.OpenCount.ShouldBe(1);
        _calls.ShouldBe(MinimumThroughput + 1);
    }

    [Fact]
    public async Task ExecuteAsync_TrialAnswers_ClosesTheCircuitWhileItStillStreams()
    {
        var (sut, trial, finishTrial) = await StartTrialAsync(answers: true);

        // The trial's first text closes the circuit on the thread pool (the answered signal continues asynchronously);
        // the call below raced that continuation on a loaded CI machine. Wait for the verdict, bounded, not for the stream.
        for (var i = 0; i < 500 && sut.OpenCount > 0; i++)
        {
            await Task.Delay(10);
        }

        // The trial's first text closed the circuit: other calls go through before its stream ends.
        (await CallAsync(sut, AttemptOutcome.Completed(Model)).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Result.ShouldBe(AttemptResult.Completed);
        sut.OpenCount.ShouldBe(0);
        trial.IsCompleted.ShouldBeFalse();

        finishTrial.SetResult(AttemptOutcome.Completed(Model));
        (await trial.WaitAsync(TimeSpan.FromSeconds(10))).Result.ShouldBe(AttemptResult.Completed);
    }

    [Fact]
    public async Task ExecuteAsync_CallsThatAnsweredThenBroke_CountTheirFailuresToo()
    {
        // Ratio 0.5 over at least 4 samples: each call is one success (its first text) and one failure (the cut).
        var sut = CreateSut();
        for (var i = 0; i < MinimumThroughput / 2; i++)
        {
            var outcome = await sut.ExecuteAsync(Model, static (model, health, _) =>
            {
                health.MarkAnswered();
                return ValueTask.FromResult(AttemptOutcome.Failed(model, new BedrockException(BedrockErrorKind.ConnectionReset, "Reset mid-answer.", inStream: true)));
            }, Model, CancellationToken.None);
            outcome.Result.ShouldBe(AttemptResult.Failed, "the call's own outcome is returned, not the early success");
        }

        (await CallAsync(sut, AttemptOutcome.Completed(Model))).Result.ShouldBe(AttemptResult.CircuitOpen);
        sut.OpenCount.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_ACallThatAnsweredAndCompleted_IsOneSample()
    {
        // Ratio 0.5 over at least 4 samples. Counted once, the answered call and two failures are 3 samples (closed);
        // counted twice they would be 4 at 0.5 (open). A third failure makes 4 samples at 0.75: open.
        var sut = CreateSut();
        (await sut.ExecuteAsync(Model, static (model, health, _) =>
        {
            health.MarkAnswered();
            return ValueTask.FromResult(AttemptOutcome.Completed(model));
        }, Model, CancellationToken.None)).Result.ShouldBe(AttemptResult.Completed);

        await CallAsync(sut, Unavailable(Model));
        await CallAsync(sut, Unavailable(Model));
        sut.OpenCount.ShouldBe(0);

        await CallAsync(sut, Unavailable(Model));
        sut.OpenCount.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_FastFailuresWhileEarlierCallsAwaitTheirFirstText_AreCountedAfterThem()
    {
        // Ratio 0.5 over at least 4 samples. Five calls are waiting for their first text when four 503s come back at
        // once: heard in the order they came back, 4 of 4 would open the circuit; heard after the calls made before
        // them, 4 of 9 do not. A fifth failure then makes 5 of 10, which opens it: the first four were counted.
        var sut = CreateSut();
        var speak = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = Enumerable.Range(0, 5).Select(_ => sut.ExecuteAsync(Model, static async (gate, health, _) =>
        {
            await gate.Task;
            health.MarkAnswered();
            return AttemptOutcome.Completed(Model);
        }, speak, CancellationToken.None).AsTask()).ToList();

        for (var i = 0; i < 4; i++)
        {
            var failed = await CallAsync(sut, Unavailable(Model)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            failed.Result.ShouldBe(AttemptResult.Failed, "the caller gets its outcome at once, to retry or fail over");
        }

        sut.OpenCount.ShouldBe(0);
        speak.SetResult();
        await Task.WhenAll(slow).WaitAsync(TimeSpan.FromSeconds(10));
        sut.OpenCount.ShouldBe(0);

        await CallAsync(sut, Unavailable(Model));
        await WaitForOpenCountAsync(sut, 1);
        sut.OpenCount.ShouldBe(1);
    }

    [Fact]
    public async Task ExecuteAsync_AnEarlierCallThatNeverSpeaks_HoldsLaterFailuresForTheSamplingWindowAtMost()
    {
        var sut = CreateSut();
        var never = new TaskCompletionSource<AttemptOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = sut.ExecuteAsync(Model, static (pending, _, _) => new ValueTask<AttemptOutcome>(pending.Task), never, CancellationToken.None).AsTask();
        await OpenAsync(sut);
        sut.OpenCount.ShouldBe(0);

        _time.Advance(TimeSpan.FromSeconds(30));

        await WaitForOpenCountAsync(sut, 1);
        sut.OpenCount.ShouldBe(1);
        never.SetResult(AttemptOutcome.Completed(Model));
        await hanging.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Verdicts held back reach the circuit on the thread pool; waits (bounded) for them to open it.</summary>
    private static async Task WaitForOpenCountAsync(ModelCircuitBreakers sut, int expected)
    {
        for (var i = 0; i < 500 && sut.OpenCount != expected; i++)
        {
            await Task.Delay(10);
        }
    }
}
