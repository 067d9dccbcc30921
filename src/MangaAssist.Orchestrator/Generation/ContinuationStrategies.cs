using MangaAssist.Aws.Bedrock.Models;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>Picks how to continue on a given model from the capability table: prefill where the model allows it, a quoted continuation where it does not.</summary>
public sealed class ContinuationStrategies(IOptions<BedrockModelsOptions> models, PrefillContinuation prefill, QuotedContinuation quoted)
{
    public IContinuationStrategy For(string modelId) => models.Value.For(modelId).AssistantPrefill ? prefill : quoted;
}
