using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// Converse request members that <see cref="ChatOptions"/> has no field for, carried in
/// <see cref="ChatOptions.AdditionalProperties"/> and text content properties under these keys.
/// </summary>
public static class BedrockRequestExtras
{
    /// <summary>A <see cref="BedrockGuardrail"/>: written as <c>guardrailConfig</c>.</summary>
    public const string Guardrail = "bedrock.guardrailConfig";

    /// <summary><c>standard</c> or <c>optimized</c>: written as <c>performanceConfig.latency</c>.</summary>
    public const string Latency = "bedrock.performanceConfig.latency";

    /// <summary><c>default</c>, <c>priority</c> or <c>flex</c>: written as <c>serviceTier.type</c>.</summary>
    public const string ServiceTier = "bedrock.serviceTier";

    /// <summary>
    /// An <see cref="EventStreams.IStreamReadPacing"/> for a streamed call: how its socket reads are spaced out. Not
    /// part of the request body.
    /// </summary>
    public const string ReadPacing = "mangaassist.readPacing";

    /// <summary>On a <see cref="TextContent"/>: the text goes out as <c>guardContent</c>, the only part a guardrail assesses.</summary>
    public const string GuardContent = "bedrock.guardContent";

    /// <summary>Text the route's guardrail assesses (the shopper's own words), as opposed to retrieved passages.</summary>
    public static TextContent Guarded(string text) =>
        new(text) { AdditionalProperties = new AdditionalPropertiesDictionary { [GuardContent] = true } };

    internal static bool IsGuarded(TextContent text) =>
        text.AdditionalProperties?.TryGetValue(GuardContent, out var flag) == true && flag is true;

    internal static T? Get<T>(ChatOptions? options, string key)
        where T : class =>
        options?.AdditionalProperties?.TryGetValue(key, out var value) == true ? value as T : null;
}
