using MangaAssist.Emulators.Bedrock.Converse;
using MangaAssist.Emulators.Bedrock.Embeddings;

namespace MangaAssist.Emulators.Bedrock.Extensions;

/// <summary>The Bedrock Runtime operations. Model ids arrive URL-encoded (<c>%3A</c>); routing decodes them.</summary>
internal static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapBedrockRuntime(this IEndpointRouteBuilder endpoints)
    {
        var model = endpoints.MapGroup("/model/{modelId}");
        model.MapPost("/converse-stream", (HttpContext context, string modelId, ConverseStreamHandler handler) => handler.HandleAsync(context, modelId));
        model.MapPost("/converse", (HttpContext context, string modelId, ConverseHandler handler) => handler.HandleAsync(context, modelId));
        model.MapPost("/invoke", (HttpContext context, string modelId, InvokeModelHandler handler) => handler.HandleAsync(context, modelId));
        return endpoints;
    }
}
