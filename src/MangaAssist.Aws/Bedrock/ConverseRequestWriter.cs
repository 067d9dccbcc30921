using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// Writes the Converse / ConverseStream request body. System messages become <c>system</c> blocks; a trailing
/// assistant message stays the last turn, so the model continues it (prefill). Only text content is sent.
/// </summary>
internal static class ConverseRequestWriter
{
    public static void Write(IBufferWriter<byte> output, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();

        writer.WriteStartArray("messages"u8);
        var system = new List<string>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                foreach (var content in message.Contents)
                {
                    if (content is TextContent { Text.Length: > 0 } text)
                    {
                        system.Add(text.Text);
                    }
                }

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
            writer.WriteStartArray("content"u8);
            foreach (var content in message.Contents)
            {
                if (content is TextContent { Text.Length: > 0 } text)
                {
                    writer.WriteStartObject();
                    writer.WriteString("text"u8, text.Text);
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        if (system.Count > 0)
        {
            writer.WriteStartArray("system"u8);
            foreach (var text in system)
            {
                writer.WriteStartObject();
                writer.WriteString("text"u8, text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteInferenceConfig(writer, options);
        writer.WriteEndObject();
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
