using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Models;

/// <summary>Which model ids the emulator knows and which operation each supports.</summary>
internal sealed class ModelCatalog
{
    public const string TitanEmbedTextV2 = "amazon.titan-embed-text-v2:0";

    private static readonly string[] InferenceProfilePrefixes = ["us.", "eu.", "apac.", "jp.", "global."];

    private static readonly string[] BuiltInChatModels =
    [
        "anthropic.claude-3-haiku-20240307-v1:0",
        "anthropic.claude-3-sonnet-20240229-v1:0",
        "anthropic.claude-3-opus-20240229-v1:0",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic.claude-3-5-sonnet-20241022-v2:0",
        "anthropic.claude-3-7-sonnet-20250219-v1:0",
        "anthropic.claude-sonnet-4-20250514-v1:0",
        "anthropic.claude-opus-4-20250514-v1:0",
        "anthropic.claude-sonnet-4-5-20250929-v1:0",
        "anthropic.claude-haiku-4-5-20251001-v1:0",
        "anthropic.claude-opus-4-5-20251101-v1:0",
        "anthropic.claude-sonnet-4-6",
        "anthropic.claude-opus-4-6-v1",
    ];

    private readonly HashSet<string> _chatModels;
    private readonly bool _acceptAnyClaude;

    public ModelCatalog(IOptions<BedrockEmulatorOptions> options)
    {
        _chatModels = new HashSet<string>(BuiltInChatModels.Concat(options.Value.AdditionalModelIds), StringComparer.Ordinal);
        _acceptAnyClaude = options.Value.AcceptAnyClaudeModelId;
    }

    /// <summary>Returns the error Bedrock would answer for this model id and operation, or null when it is served.</summary>
    public BedrockError? Check(string modelId, BedrockOperation operation)
    {
        var baseId = StripInferenceProfile(modelId);
        var isEmbedding = string.Equals(baseId, TitanEmbedTextV2, StringComparison.Ordinal);
        var isChat = _chatModels.Contains(modelId) || _chatModels.Contains(baseId) || (_acceptAnyClaude && IsClaudeId(baseId));

        if (!isEmbedding && !isChat)
        {
            return BedrockErrors.InvalidModelIdentifier();
        }

        return operation switch
        {
            BedrockOperation.InvokeModel when !isEmbedding => BedrockErrors.InvokeModelNotEmulated(modelId),
            BedrockOperation.Converse or BedrockOperation.ConverseStream when !isChat => BedrockErrors.ConverseNotSupported(),
            _ => null,
        };
    }

    /// <summary>What the model does with assistant prefill, cache points and long answers.</summary>
    public static ModelTraits Traits(string modelId) => ModelTraitsTable.For(StripInferenceProfile(modelId));

    /// <summary>The chat models served by name (any other Claude id is also served when so configured).</summary>
    public IReadOnlyList<ServedModel> Served() =>
    [
        .. _chatModels.Order(StringComparer.Ordinal).Select(id => new ServedModel(id, !string.Equals(id, StripInferenceProfile(id), StringComparison.Ordinal), Traits(id))),
    ];

    private static string StripInferenceProfile(string modelId)
    {
        foreach (var prefix in InferenceProfilePrefixes)
        {
            if (modelId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return modelId[prefix.Length..];
            }
        }

        return modelId;
    }

    private static bool IsClaudeId(string id) =>
        id.StartsWith("anthropic.claude-", StringComparison.Ordinal)
        && id.Length > "anthropic.claude-".Length
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':');
}
