namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Lets a model call tell its circuit that the model answered. A call counts as a success when its first text
/// comes, not when its stream ends: an answer streams for seconds, and a failure comes back at once, so counting
/// successes at the end made a burst's early 503s look like nearly every call failing (and paced reads, which end
/// streams later still, made it worse).
/// </summary>
public class ModelCallHealth
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the call has said that the model answered.</summary>
    public bool Answered => _answered.Task.IsCompleted;

    /// <summary>Completes when the model answered.</summary>
    protected Task AnsweredTask => _answered.Task;

    /// <summary>The model sent text: the circuit counts the call a success now; the call goes on.</summary>
    public void MarkAnswered() => _answered.TrySetResult();
}
