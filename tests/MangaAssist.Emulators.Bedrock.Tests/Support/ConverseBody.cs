using System.Text.Json.Nodes;

namespace MangaAssist.Emulators.Bedrock.Tests.Support;

/// <summary>Builds Converse request bodies exactly as the Bedrock API (and the AWS SDKs) send them.</summary>
internal static class ConverseBody
{
    public static string User(string text, int? maxTokens = null, string? system = null, string? prefill = null, string[]? stopSequences = null)
    {
        var messages = new JsonArray { Message("user", text) };
        if (prefill is not null)
        {
            messages.Add(Message("assistant", prefill));
        }

        var body = new JsonObject { ["messages"] = messages };
        if (system is not null)
        {
            body["system"] = new JsonArray { new JsonObject { ["text"] = system } };
        }

        var config = new JsonObject { ["temperature"] = 0.5, ["topP"] = 0.9 };
        if (maxTokens is not null)
        {
            config["maxTokens"] = maxTokens;
        }

        if (stopSequences is not null)
        {
            config["stopSequences"] = new JsonArray(stopSequences.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        }

        body["inferenceConfig"] = config;
        return body.ToJsonString();
    }

    private static JsonObject Message(string role, string text) =>
        new() { ["role"] = role, ["content"] = new JsonArray { new JsonObject { ["text"] = text } } };
}
