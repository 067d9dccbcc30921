using MangaAssist.Aws.Bedrock;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Options;

/// <summary>
/// Each Bedrock stream holds one pooled HTTP/1.1 connection for its whole answer, so the pool must
/// be at least as large as the number of streams admitted; otherwise streams queue inside the
/// HTTP handler, invisible to the admission queue and its <c>busy</c> answer.
/// </summary>
public sealed class PoolSizingValidator(IOptions<BedrockRuntimeOptions> bedrock) : IValidateOptions<CapacityOptions>
{
    public ValidateOptionsResult Validate(string? name, CapacityOptions options) =>
        options.MaxConcurrentStreams <= bedrock.Value.MaxConnections
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Capacity:MaxConcurrentStreams ({options.MaxConcurrentStreams}) exceeds Bedrock:MaxConnections ({bedrock.Value.MaxConnections}): " +
                "raise Bedrock:MaxConnections or lower Capacity:MaxConcurrentStreams, or streams will wait for a connection.");
}
