using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Reads a Converse answer: <c>{"output":{"message":{"role","content":[{"text"}]}},"stopReason","usage"}</c>.</summary>
internal static class ConverseResponseReader
{
    public static ChatResponse Read(ReadOnlySpan<byte> json, string modelId, string? requestId, DateTimeOffset createdAt)
    {
        var text = new System.Text.StringBuilder();
        string? stopReason = null;
        UsageDetails? usage = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("output"u8))
                {
                    reader.Read();
                    using var output = JsonDocument.ParseValue(ref reader);
                    if (output.RootElement.TryGetProperty("message", out var message)
                        && message.TryGetProperty("content", out var content)
                        && content.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var block in content.EnumerateArray())
                        {
                            if (block.TryGetProperty("text", out var blockText) && blockText.ValueKind == JsonValueKind.String)
                            {
                                text.Append(blockText.GetString());
                            }
                        }
                    }
                }
                else if (reader.ValueTextEquals("stopReason"u8))
                {
                    reader.Read();
                    stopReason = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        usage = ConverseStreamEvents.ReadUsage(ref reader);
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException exception)
        {
            throw new BedrockException(BedrockErrorKind.Unknown, "Bedrock Runtime sent an unreadable Converse answer: " + exception.Message, 200, requestId: requestId, innerException: exception);
        }

        if (stopReason == StopReasons.ContextWindowExceeded && text.Length == 0)
        {
            throw BedrockErrors.ContextWindowExceeded(requestId);
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString()) { MessageId = requestId })
        {
            ModelId = modelId,
            ResponseId = requestId,
            CreatedAt = createdAt,
            Usage = usage,
        };

        if (stopReason is not null)
        {
            response.FinishReason = StopReasons.ToFinishReason(stopReason);
            response.AdditionalProperties = new AdditionalPropertiesDictionary { [StopReasons.AdditionalPropertyName] = stopReason };
        }

        return response;
    }
}
