using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Kernel;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Everything a chat handler needs once a request has been accepted, and the usage it reports.</summary>
internal sealed record PreparedChat(
    ConverseRequest Request,
    ComposedAnswer Answer,
    FaultPlan? Fault,
    AnswerPacer Pacer,
    CacheUse Cache = default,
    int? GuardrailAfterTokens = null)
{
    /// <summary>The usage Bedrock reports: <c>inputTokens</c> excludes what was read from or written to the cache.</summary>
    public void WriteUsage(System.Text.Json.Utf8JsonWriter json, int outputTokens)
    {
        var input = Math.Max(1, Answer.InputTokens - Cache.Read - Cache.Written);
        json.WriteStartObject("usage");
        json.WriteNumber("inputTokens", input);
        json.WriteNumber("outputTokens", outputTokens);
        json.WriteNumber("totalTokens", input + Cache.Read + Cache.Written + outputTokens);
        if (Cache.Read > 0 || Cache.Written > 0)
        {
            json.WriteNumber("cacheReadInputTokens", Cache.Read);
            json.WriteNumber("cacheWriteInputTokens", Cache.Written);
        }

        json.WriteEndObject();
    }
}

/// <summary>Prompt-cache tokens of one request.</summary>
internal readonly record struct CacheUse(int Read, int Written);
