using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Writes the request members that come from <see cref="BedrockRequestExtras"/>: guardrail, latency mode, service tier.</summary>
internal static class ConverseRequestExtrasWriter
{
    public static void Write(Utf8JsonWriter writer, ChatOptions? options, bool streaming)
    {
        if (BedrockRequestExtras.Get<BedrockGuardrail>(options, BedrockRequestExtras.Guardrail) is { } guardrail)
        {
            writer.WriteStartObject("guardrailConfig"u8);
            writer.WriteString("guardrailIdentifier"u8, guardrail.Identifier);
            writer.WriteString("guardrailVersion"u8, guardrail.Version);
            writer.WriteString("trace"u8, guardrail.Trace ? "enabled"u8 : "disabled"u8);
            if (streaming)
            {
                // Only ConverseStream's GuardrailStreamConfiguration has this member.
                writer.WriteString("streamProcessingMode"u8, guardrail.StreamProcessingMode);
            }

            writer.WriteEndObject();
        }

        if (BedrockRequestExtras.Get<string>(options, BedrockRequestExtras.Latency) is { Length: > 0 } latency)
        {
            writer.WriteStartObject("performanceConfig"u8);
            writer.WriteString("latency"u8, latency);
            writer.WriteEndObject();
        }

        if (BedrockRequestExtras.Get<string>(options, BedrockRequestExtras.ServiceTier) is { Length: > 0 } tier)
        {
            writer.WriteStartObject("serviceTier"u8);
            writer.WriteString("type"u8, tier);
            writer.WriteEndObject();
        }
    }
}
