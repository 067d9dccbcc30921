using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Kernel;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Reads and validates a Converse request body with Bedrock's rules and messages.</summary>
internal static class ConverseRequestReader
{
    public static async Task<(ConverseRequest? Request, BedrockError? Error)> ReadAsync(HttpContext context, string modelId)
    {
        ConverseRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, BedrockJson.Context.ConverseRequestBody, context.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, BedrockErrors.MalformedInput());
        }

        return body is null ? (null, BedrockErrors.MalformedInput()) : Validate(body, modelId);
    }

    internal static (ConverseRequest? Request, BedrockError? Error) Validate(ConverseRequestBody body, string modelId)
    {
        if (body.Messages is not { Count: > 0 } messages)
        {
            return Fail("A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        }

        var turns = new List<ConversationTurn>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            ConversationRole? role = message.Role switch
            {
                "user" => ConversationRole.User,
                "assistant" => ConversationRole.Assistant,
                _ => null,
            };

            if (role is null)
            {
                return Fail($"1 validation error detected: Value '{message.Role}' at 'messages.{i + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]");
            }

            if (message.Content is not { Count: > 0 })
            {
                return Fail($"The content field in the Message object at messages.{i} is empty. Add a ContentBlock object to the content field and try again.");
            }

            if (i == 0 && role != ConversationRole.User)
            {
                return Fail("A conversation must start with a user message. Try again with a conversation that starts with a user message.");
            }

            if (i > 0 && turns[^1].Role == role)
            {
                return Fail("A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.");
            }

            turns.Add(new ConversationTurn(role.Value, string.Concat(message.Content.Select(c => c.AllText))));
        }

        if (turns[^1].Role == ConversationRole.Assistant && turns[^1].Text.Length > 0 && char.IsWhiteSpace(turns[^1].Text[^1]))
        {
            return Fail("messages: final assistant content cannot end with trailing whitespace");
        }

        var config = body.InferenceConfig;
        if (config?.MaxTokens is < 1)
        {
            return Fail($"1 validation error detected: Value '{config.MaxTokens}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }

        if (config?.Temperature is < 0 or > 1)
        {
            return Fail($"1 validation error detected: Value '{config.Temperature}' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value between 0 and 1");
        }

        if (config?.TopP is < 0 or > 1)
        {
            return Fail($"1 validation error detected: Value '{config.TopP}' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value between 0 and 1");
        }

        var stopSequences = config?.StopSequences?.Where(s => !string.IsNullOrEmpty(s)).ToArray() ?? [];
        var system = string.Join("\n", body.System?.Select(s => s.AllText).Where(t => !string.IsNullOrEmpty(t)) ?? []);

        var guarded = body.GuardrailConfig is { GuardrailIdentifier.Length: > 0 };
        return (new ConverseRequest(modelId, system, turns, config?.MaxTokens, stopSequences, CachePrefixReader.Read(body, modelId), guarded), null);
    }

    private static (ConverseRequest?, BedrockError?) Fail(string message) => (null, BedrockErrors.Validation(message));
}
