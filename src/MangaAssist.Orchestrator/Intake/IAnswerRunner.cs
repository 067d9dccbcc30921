namespace MangaAssist.Orchestrator.Intake;

/// <summary>Answers an accepted request in the background: the seam between intake and the answer pipeline.</summary>
public interface IAnswerRunner
{
    /// <summary>Runs the answer to its terminal frame, then ends <paramref name="active"/> in the registry.</summary>
    Task RunAsync(ChatRequest request, ActiveRequest active);
}
