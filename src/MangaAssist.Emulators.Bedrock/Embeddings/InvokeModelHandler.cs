using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Models;

namespace MangaAssist.Emulators.Bedrock.Embeddings;

/// <summary>
/// <c>POST /model/amazon.titan-embed-text-v2:0/invoke</c>: <c>{"embedding":[…],"inputTextTokenCount":n}</c>.
/// Embeddings ignore fault markers: the service embeds the user's message for retrieval, and a chat fault
/// scenario must not break that step.
/// </summary>
internal sealed class InvokeModelHandler(ModelCatalog models, EmulatorStats stats, ILogger<InvokeModelHandler> logger)
{
    private const int MaxInputCharacters = 50_000;

    public async Task HandleAsync(HttpContext context, string modelId)
    {
        stats.RequestReceived(BedrockOperation.InvokeModel, modelId);
        var requestId = RequestIds.Ensure(context);

        var (request, error) = await ReadAsync(context, modelId);
        if (request is null)
        {
            stats.RequestRejected();
            Log.Rejected(logger, nameof(BedrockOperation.InvokeModel), modelId, requestId, error!.Type, error.Message);
            await BedrockErrorWriter.WriteAsync(context, error);
            return;
        }

        var text = request.InputText!;
        var embedding = FeatureHashingEmbedder.Embed(text, request.Dimensions ?? 1024, request.Normalize ?? true);

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, BedrockJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("embedding");
            foreach (var value in embedding)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
            json.WriteNumber("inputTextTokenCount", TokenSplitter.Count(text));
            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private async Task<(TitanEmbeddingRequestBody? Request, BedrockError? Error)> ReadAsync(HttpContext context, string modelId)
    {
        if (models.Check(modelId, BedrockOperation.InvokeModel) is { } modelError)
        {
            return (null, modelError);
        }

        TitanEmbeddingRequestBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, BedrockJson.Context.TitanEmbeddingRequestBody, context.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, BedrockErrors.MalformedInput());
        }

        if (body is null)
        {
            return (null, BedrockErrors.MalformedInput());
        }

        if (string.IsNullOrEmpty(body.InputText))
        {
            return (null, BedrockErrors.Validation("Malformed input request: #/inputText: expected minLength: 1, actual: 0, please reformat your input and try again."));
        }

        if (body.InputText.Length > MaxInputCharacters)
        {
            return (null, BedrockErrors.Validation($"Malformed input request: #/inputText: expected maxLength: {MaxInputCharacters}, actual: {body.InputText.Length}, please reformat your input and try again."));
        }

        if (body.Dimensions is { } dimensions && !FeatureHashingEmbedder.SupportedDimensions.Contains(dimensions))
        {
            return (null, BedrockErrors.Validation($"Malformed input request: #/dimensions: {dimensions} is not a valid enum value, please reformat your input and try again."));
        }

        return (body, null);
    }
}
