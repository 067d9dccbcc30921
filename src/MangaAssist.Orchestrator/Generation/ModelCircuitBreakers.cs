using System.Collections.Concurrent;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// One Polly circuit breaker per model id: when a model keeps failing, calls to it stop for a
/// while (and the route's next model takes over) instead of waiting on a service that is down.
/// </summary>
public sealed class ModelCircuitBreakers(
    IOptions<ResilienceOptions> options,
    TimeProvider timeProvider,
    ResilienceTelemetry telemetry,
    ILogger<ModelCircuitBreakers> logger)
{
    private readonly ConcurrentDictionary<string, Breaker> _breakers = new(StringComparer.Ordinal);

    /// <summary>Models whose circuit is open or half-open right now.</summary>
    public int OpenCount => _breakers.Values.Count(b => b.State.CircuitState is CircuitState.Open or CircuitState.HalfOpen or CircuitState.Isolated);

    /// <summary>Whether calls to <paramref name="model"/> are refused right now (its circuit is open or isolated).</summary>
    public bool IsOpen(string model) =>
        _breakers.TryGetValue(model, out var breaker) && breaker.State.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>
    /// Runs one call to <paramref name="model"/> through its circuit; an open circuit is an outcome, not an exception.
    /// The circuit counts the call when it ends or, sooner, when it reports through its <see cref="ModelCallHealth"/>
    /// that the model answered; a failure after that (a stream cut mid-answer) is counted too, as a failure of its own.
    /// A failure is counted once the calls made before it have their verdicts (<see cref="CircuitVerdictOrder"/>); the
    /// caller gets its outcome at once either way.
    /// </summary>
    public async ValueTask<AttemptOutcome> ExecuteAsync<TState>(
        string model, Func<TState, ModelCallHealth, CancellationToken, ValueTask<AttemptOutcome>> call, TState state, CancellationToken cancellationToken)
    {
        var breaker = _breakers.GetOrAdd(model, Create);
        var guarded = new GuardedCall<TState>(model, call, state, breaker.Order, options.Value.CircuitSamplingDuration, timeProvider);
        // The circuit hears the verdict when it is due (a failure may wait for earlier calls); the caller goes on at once.
        var verdict = breaker.Pipeline.ExecuteAsync(static (g, ct) => g.RunUntilVerdictAsync(ct), guarded, cancellationToken).AsTask();
        if (!verdict.IsCompleted && !guarded.Admitted.IsCompleted)
        {
            await Task.WhenAny(guarded.Admitted, verdict);
        }

        if (!guarded.Admitted.IsCompleted)
        {
            try
            {
                await verdict;
            }
            catch (BrokenCircuitException open)
            {
                return AttemptOutcome.CircuitOpen(model, open.RetryAfter);
            }
        }

        // The circuit has heard the verdict once the pipeline's execution ended; later failures wait for that, the caller does not.
        if (verdict.IsCompleted)
        {
            _ = verdict.Exception;
            guarded.Place?.Leave();
        }
        else
        {
            _ = verdict.ContinueWith(
                static (t, place) =>
                {
                    _ = t.Exception;
                    ((CircuitVerdictOrder.Place?)place)?.Leave();
                },
                guarded.Place,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        var outcome = await guarded.Outcome;
        if (guarded.Answered && outcome.CountsAgainstModel)
        {
            await CountAsync(breaker, outcome);
        }

        return outcome;
    }

    /// <summary>Counts an outcome the call already had: a zero-work execution of the circuit (refused while it is open).</summary>
    private static async ValueTask CountAsync(Breaker breaker, AttemptOutcome outcome)
    {
        try
        {
            await breaker.Pipeline.ExecuteAsync(static (o, _) => ValueTask.FromResult(o), outcome, CancellationToken.None);
        }
        catch (BrokenCircuitException)
        {
            // Open already: nothing more to count.
        }
    }

    private Breaker Create(string model)
    {
        var settings = options.Value;
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<AttemptOutcome>
            {
                FailureRatio = settings.CircuitFailureRatio,
                MinimumThroughput = settings.CircuitMinimumThroughput,
                SamplingDuration = settings.CircuitSamplingDuration,
                BreakDuration = settings.CircuitBreakDuration,
                StateProvider = state,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result?.CountsAgainstModel == true),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, model, args.BreakDuration.TotalSeconds, args.Outcome.Result?.Reason);
                    telemetry.RecordCircuit(model, "open");
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    Log.CircuitHalfOpened(logger, model);
                    telemetry.RecordCircuit(model, "half_open");
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(logger, model);
                    telemetry.RecordCircuit(model, "closed");
                    return default;
                },
            })
            .Build();
        return new Breaker(pipeline, state, new CircuitVerdictOrder());
    }

    private sealed record Breaker(ResiliencePipeline<AttemptOutcome> Pipeline, CircuitBreakerStateProvider State, CircuitVerdictOrder Order);

    /// <summary>
    /// One call inside the circuit until its verdict: the model answered, or the call ended first. A failure's verdict
    /// waits for the calls made before it (see <see cref="CircuitVerdictOrder"/>).
    /// </summary>
    private sealed class GuardedCall<TState>(
        string model, Func<TState, ModelCallHealth, CancellationToken, ValueTask<AttemptOutcome>> call, TState state,
        CircuitVerdictOrder order, TimeSpan patience, TimeProvider timeProvider) : ModelCallHealth
    {
        private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the circuit let the call through (it is not completed when the circuit refused it).</summary>
        public Task Admitted => _admitted.Task;

        /// <summary>The whole call, to its end.</summary>
        public Task<AttemptOutcome> Outcome { get; private set; } = null!;

        /// <summary>The call's place in line for the circuit; null when the circuit refused it.</summary>
        public CircuitVerdictOrder.Place? Place { get; private set; }

        public async ValueTask<AttemptOutcome> RunUntilVerdictAsync(CancellationToken cancellationToken)
        {
            Outcome = call(state, this, cancellationToken).AsTask();
            Place = order.Enter();
            _admitted.TrySetResult();
            if (await Task.WhenAny(AnsweredTask, Outcome) != Outcome)
            {
                return AttemptOutcome.Completed(model);
            }

            var outcome = await Outcome;
            if (outcome.CountsAgainstModel)
            {
                await order.EarlierVerdictsAsync(Place, patience, timeProvider);
            }

            return outcome;
        }
    }
}
