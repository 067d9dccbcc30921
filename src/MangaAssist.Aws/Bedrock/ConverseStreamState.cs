namespace MangaAssist.Aws.Bedrock;

/// <summary>What one ConverseStream call has seen so far.</summary>
internal sealed class ConverseStreamState(string modelId, string? requestId, DateTimeOffset createdAt)
{
    public string ModelId { get; } = modelId;

    public string? RequestId { get; } = requestId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string? StopReason { get; set; }

    public long? OutputTokens { get; set; }

    public long? InputTokens { get; set; }

    public int Deltas { get; set; }
}
