using MangaAssist.Aws.DependencyInjection;

namespace MangaAssist.Aws.Bedrock;

internal sealed class BedrockRuntimeOptionsValidator : OptionsValidatorBase<BedrockRuntimeOptions>
{
    protected override string DisplayName => "BedrockRuntime";

    protected override void Check(BedrockRuntimeOptions options, Action<string, string> fail)
    {
        CheckEndpoint(options.Endpoint, nameof(options.Endpoint), fail);
        if (options.EmbeddingDimensions is not (256 or 512 or 1024))
        {
            fail(nameof(options.EmbeddingDimensions), $"must be 256, 512 or 1024 (was {options.EmbeddingDimensions}).");
        }
    }
}
