namespace MangaAssist.Emulators.Bedrock.Models;

/// <summary>What the emulated model does with a request: the behaviour half of the shared model table (prices are the client's concern).</summary>
public sealed record ModelTraits
{
    public bool AssistantPrefill { get; init; } = true;

    public bool PromptCaching { get; init; }

    public int MinCacheTokens { get; init; }

    public int MaxOutputTokens { get; init; } = 4096;

    public int ContextTokens { get; init; } = 200_000;
}
