using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.Extensions;

/// <summary>
/// The Bedrock chat client's GenAI telemetry, from Microsoft.Extensions.AI: one <c>chat {model}</c> client span
/// per call and the <c>gen_ai.client.*</c> metrics of the OpenTelemetry GenAI semantic conventions.
/// </summary>
public static class BedrockChatTelemetry
{
    /// <summary>The ActivitySource and Meter name; an app that exports telemetry registers both.</summary>
    public const string SourceName = "MangaAssist.Aws.Bedrock.GenAI";

    /// <summary>
    /// Wraps <paramref name="client"/>. Prompt and answer text never reach telemetry: sensitive data is off
    /// explicitly, because the library's default follows OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT,
    /// which some hosts (Aspire) set to true.
    /// </summary>
    public static IChatClient Instrument(IChatClient client, ILoggerFactory? loggerFactory) =>
        new ChatClientBuilder(client)
            .UseOpenTelemetry(loggerFactory, SourceName, static telemetry => telemetry.EnableSensitiveData = false)
            .Build();
}
