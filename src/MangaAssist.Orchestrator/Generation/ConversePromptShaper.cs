using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Bedrock.Models;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Fits a prompt to the model and route of one call: cache points after the system prompt and after the
/// retrieved context (where the model caches and the prefix reaches its minimum), the shopper's own words as
/// guarded content when the route has a guardrail, and the route's guardrail, latency mode and service tier.
/// Done per call, as a fallback model may differ in what it supports.
/// </summary>
public sealed class ConversePromptShaper(IOptions<BedrockModelsOptions> models)
{
    public IReadOnlyList<ChatMessage> Shape(IReadOnlyList<ChatMessage> prompt, string modelId, RouteBedrockOptions route, string? question)
    {
        var capabilities = models.Value.For(modelId);
        var minimum = capabilities.PromptCaching && route.PromptCaching ? Math.Max(1, capabilities.MinCacheTokens) : int.MaxValue;
        var guarded = route.GuardrailId.Length > 0;
        var questionTurn = LastIndexOf(prompt, ChatRole.User);
        var lastSystem = LastIndexOf(prompt, ChatRole.System);
        if ((minimum == int.MaxValue && !guarded) || questionTurn < 0)
        {
            return prompt;
        }

        var shaped = new List<ChatMessage>(prompt.Count);
        var prefixTokens = 0;
        for (var i = 0; i < prompt.Count; i++)
        {
            var message = prompt[i];
            if (i == questionTurn)
            {
                shaped.Add(new ChatMessage(ChatRole.User, QuestionTurn(message.Text, question, prefixTokens, minimum, guarded)));
                continue;
            }

            prefixTokens += TokenEstimator.Estimate(message.Text);
            shaped.Add(i == lastSystem && prefixTokens >= minimum
                ? new ChatMessage(message.Role, [.. message.Contents, CachePointContent.Default])
                : message);
        }

        return shaped;
    }

    /// <summary>The route's guardrail, latency mode and service tier, as request extras on <paramref name="options"/>.</summary>
    public static void ApplyRoute(ChatOptions options, RouteBedrockOptions route)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(route);
        var extras = options.AdditionalProperties ??= [];
        if (route.GuardrailId.Length > 0)
        {
            extras[BedrockRequestExtras.Guardrail] = new BedrockGuardrail(route.GuardrailId, route.GuardrailVersion, route.GuardrailStreamProcessingMode);
        }

        if (route.LatencyMode.Length > 0)
        {
            extras[BedrockRequestExtras.Latency] = route.LatencyMode;
        }

        if (route.ServiceTier.Length > 0)
        {
            extras[BedrockRequestExtras.ServiceTier] = route.ServiceTier;
        }
    }

    /// <summary>Retrieved context, then (when long enough) a cache point, then the shopper's words, guarded when a guardrail is on.</summary>
    private static List<AIContent> QuestionTurn(string text, string? question, int prefixTokens, int minimum, bool guarded)
    {
        var split = question is { Length: > 0 } && text.Length > question.Length && text.EndsWith(question, StringComparison.Ordinal);
        var context = split ? text[..^question!.Length] : "";
        var words = split ? question! : text;
        var contents = new List<AIContent>(3);
        if (context.Length > 0)
        {
            contents.Add(new TextContent(context));
            if (prefixTokens + TokenEstimator.Estimate(context) >= minimum)
            {
                contents.Add(CachePointContent.Default);
            }
        }

        contents.Add(guarded ? BedrockRequestExtras.Guarded(words) : new TextContent(words));
        return contents;
    }

    private static int LastIndexOf(IReadOnlyList<ChatMessage> prompt, ChatRole role)
    {
        for (var i = prompt.Count - 1; i >= 0; i--)
        {
            if (prompt[i].Role == role)
            {
                return i;
            }
        }

        return -1;
    }
}
