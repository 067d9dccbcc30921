namespace MangaAssist.Emulators.Bedrock.Embeddings;

/// <summary>The InvokeModel body of <c>amazon.titan-embed-text-v2:0</c>.</summary>
internal sealed class TitanEmbeddingRequestBody
{
    public string? InputText { get; init; }

    public int? Dimensions { get; init; }

    public bool? Normalize { get; init; }
}
