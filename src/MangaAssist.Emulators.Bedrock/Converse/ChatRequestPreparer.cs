using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Configuration;
using MangaAssist.Emulators.Bedrock.Markers;
using MangaAssist.Emulators.Bedrock.Models;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Shared front half of Converse and ConverseStream: model check, body validation, prefill rule, markers, answer,
/// cache, fault, pace (a marker wins over the fault rule's slowness, which wins over the options).
/// </summary>
internal sealed class ChatRequestPreparer(
    ModelCatalog models,
    FaultPlanner faults,
    FaultRuleBook rules,
    PromptCache cache,
    TimeProvider time,
    IOptions<BedrockEmulatorOptions> options)
{
    public async Task<(PreparedChat? Chat, BedrockError? Error)> PrepareAsync(HttpContext context, string modelId, BedrockOperation operation)
    {
        var modelError = models.Check(modelId, operation);
        if (modelError is not null)
        {
            return (null, modelError);
        }

        var (request, requestError) = await ConverseRequestReader.ReadAsync(context, modelId);
        if (request is null)
        {
            return (null, requestError);
        }

        var traits = ModelCatalog.Traits(modelId);
        if (request.AssistantPrefill is not null && !traits.AssistantPrefill)
        {
            return (null, BedrockErrors.PrefillNotSupported());
        }

        request = QuotedContinuation.Normalize(request);

        var markers = MarkerParser.Parse(request.LastUserMessage, modelId);
        if (markers.Error is not null)
        {
            return (null, BedrockErrors.Validation(markers.Error));
        }

        var settings = options.Value;
        var answer = AnswerComposer.Compose(request, markers.AnswerTokens ?? settings.DefaultAnswerTokens);
        var fault = faults.Plan(modelId, request.LastUserMessage, markers, answer.InputTokens);
        var (read, written) = cache.Use(request, traits);
        var rule = rules.Match(modelId);
        var pacer = new AnswerPacer(
            time,
            FirstTokenDelay(markers.TimeToFirstTokenMs ?? rule?.TimeToFirstTokenMs ?? settings.TimeToFirstTokenMs, answer.InputTokens, read),
            markers.TokensPerSecond ?? rule?.TokensPerSecond ?? settings.TokensPerSecond);

        var guardrailAt = request.Guarded ? markers.GuardrailAfterTokens : null;
        return (new PreparedChat(request, answer, fault, pacer, new CacheUse(read, written), guardrailAt), null);
    }

    /// <summary>Prefill time is spent on the prompt tokens not read from the cache, so a cache hit shortens it in proportion.</summary>
    private static TimeSpan FirstTokenDelay(int milliseconds, int inputTokens, int cachedTokens)
    {
        var uncachedShare = cachedTokens <= 0 ? 1.0 : Math.Max(0, inputTokens - cachedTokens) / (double)Math.Max(1, inputTokens);
        return TimeSpan.FromMilliseconds(milliseconds * Math.Max(0.1, uncachedShare));
    }
}
