using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// Writes the Converse / ConverseStream request body. System messages become <c>system</c> blocks; a trailing
/// assistant message stays the last turn, so the model continues it (prefill). Text, guarded text and cache
/// points are sent; other content is not.
/// </summary>
internal static class ConverseRequestWriter
{
    public static void Write(IBufferWriter<byte> output, IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming = false)
    {
        using var writer = new Utf8JsonWriter(output, BedrockRequestJson.WriterOptions);
        writer.WriteStartObject();

        writer.WriteStartArray("messages"u8);
        var system = new List<AIContent>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                system.AddRange(message.Contents.Where(IsSent));
                continue;
            }

            var role = message.Role == ChatRole.User ? "user"
                : message.Role == ChatRole.Assistant ? "assistant"
                : throw new NotSupportedException($"Chat role '{message.Role}' is not supported by the Bedrock Converse client (system, user and assistant are).");

            if (!message.Contents.Any(static c => c is TextContent { Text.Length: > 0 }))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("role"u8, role);
            WriteBlocks(writer, "content"u8, message.Contents);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        if (system.Any(static c => c is TextContent))
        {
            WriteBlocks(writer, "system"u8, system);
        }

        WriteInferenceConfig(writer, options);
        ConverseRequestExtrasWriter.Write(writer, options, streaming);
        writer.WriteEndObject();
    }

    private static bool IsSent(AIContent content) => content is TextContent { Text.Length: > 0 } or CachePointContent;

    private static void WriteBlocks(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IEnumerable<AIContent> contents)
    {
        writer.WriteStartArray(name);
        foreach (var content in contents)
        {
            switch (content)
            {
                case TextContent { Text.Length: > 0 } text when BedrockRequestExtras.IsGuarded(text):
                    writer.WriteStartObject();
                    writer.WriteStartObject("guardContent"u8);
                    writer.WriteStartObject("text"u8);
                    writer.WriteString("text"u8, text.Text);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
                case TextContent { Text.Length: > 0 } text:
                    writer.WriteStartObject();
                    writer.WriteString("text"u8, text.Text);
                    writer.WriteEndObject();
                    break;
                case CachePointContent:
                    writer.WriteStartObject();
                    writer.WriteStartObject("cachePoint"u8);
                    writer.WriteString("type"u8, "default"u8);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteInferenceConfig(Utf8JsonWriter writer, ChatOptions? options)
    {
        if (options is null || (options.MaxOutputTokens is null && options.Temperature is null && options.TopP is null && options.StopSequences is not { Count: > 0 }))
        {
            return;
        }

        writer.WriteStartObject("inferenceConfig"u8);
        if (options.MaxOutputTokens is { } maxTokens)
        {
            writer.WriteNumber("maxTokens"u8, maxTokens);
        }

        if (options.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature"u8, temperature);
        }

        if (options.TopP is { } topP)
        {
            writer.WriteNumber("topP"u8, topP);
        }

        if (options.StopSequences is { Count: > 0 } stopSequences)
        {
            writer.WriteStartArray("stopSequences"u8);
            foreach (var stop in stopSequences)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
