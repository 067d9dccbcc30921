namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>The Converse / ConverseStream request body, as the Bedrock API defines it (only the members the emulator reads).</summary>
internal sealed class ConverseRequestBody
{
    public List<MessageBody>? Messages { get; init; }

    public List<ContentBlockBody>? System { get; init; }

    public InferenceConfigBody? InferenceConfig { get; init; }
}

internal sealed class MessageBody
{
    public string? Role { get; init; }

    public List<ContentBlockBody>? Content { get; init; }
}

/// <summary>A content block; non-text blocks (image, document, toolUse…) are accepted and carry no text.</summary>
internal sealed class ContentBlockBody
{
    public string? Text { get; init; }
}

internal sealed class InferenceConfigBody
{
    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public List<string>? StopSequences { get; init; }
}
