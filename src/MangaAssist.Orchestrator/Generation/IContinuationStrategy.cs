using Microsoft.Extensions.AI;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>One way to ask a model to continue a broken answer; <see cref="ContinuationStrategies"/> picks it per model.</summary>
public interface IContinuationStrategy
{
    /// <summary>A short name for logs, metrics and trace events.</summary>
    string Name { get; }

    ContinuationPlan Plan(IReadOnlyList<ChatMessage> prompt, string delivered);
}
