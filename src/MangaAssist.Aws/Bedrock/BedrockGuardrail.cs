namespace MangaAssist.Aws.Bedrock;

/// <summary>A Converse <c>guardrailConfig</c>. <paramref name="StreamProcessingMode"/> (<c>sync</c> or <c>async</c>) applies to ConverseStream only.</summary>
public sealed record BedrockGuardrail(string Identifier, string Version, string StreamProcessingMode = "sync", bool Trace = false);
