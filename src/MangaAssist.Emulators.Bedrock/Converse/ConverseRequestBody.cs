namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>The Converse / ConverseStream request body, as the Bedrock API defines it (only the members the emulator reads).</summary>
internal sealed class ConverseRequestBody
{
    public List<MessageBody>? Messages { get; init; }

    public List<ContentBlockBody>? System { get; init; }

    public InferenceConfigBody? InferenceConfig { get; init; }

    public GuardrailConfigBody? GuardrailConfig { get; init; }
}

internal sealed class GuardrailConfigBody
{
    public string? GuardrailIdentifier { get; init; }

    public string? GuardrailVersion { get; init; }

    public string? StreamProcessingMode { get; init; }

    public string? Trace { get; init; }
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

    /// <summary><c>{"guardContent":{"text":{"text":"…"}}}</c>: text a guardrail assesses; the model reads it like any text.</summary>
    public GuardContentBody? GuardContent { get; init; }

    /// <summary><c>{"cachePoint":{"type":"default"}}</c>: the prefix before it may be cached.</summary>
    public CachePointBody? CachePoint { get; init; }

    public string? AllText => Text ?? GuardContent?.Text?.Text;
}

internal sealed class GuardContentBody
{
    public GuardTextBody? Text { get; init; }
}

internal sealed class GuardTextBody
{
    public string? Text { get; init; }
}

internal sealed class CachePointBody
{
    public string? Type { get; init; }
}

internal sealed class InferenceConfigBody
{
    public int? MaxTokens { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public List<string>? StopSequences { get; init; }
}
