namespace MangaAssist.Orchestrator.Options;

/// <summary>Per-route model settings. Configuration section <c>Routes</c> (<c>Routes:SendMessage:ModelId</c>, …).</summary>
public sealed class ChatRoutesOptions
{
    public const string SectionName = "Routes";

    /// <summary>Quick shopping answers: Claude 3 Haiku (regional, then the US cross-region profile), 1,024 tokens, 2 minutes at most.</summary>
    public ChatRouteOptions SendMessage { get; set; } = new()
    {
        ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
        FallbackModelIds = "us.anthropic.claude-3-haiku-20240307-v1:0",
        MaxTokens = 1024,
        Temperature = 0.3f,
        SystemPrompt = SystemPrompts.ShoppingAssistant,
        FirstTokenTimeout = TimeSpan.FromSeconds(20),
        IdleTimeout = TimeSpan.FromSeconds(20),
        TotalTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>"Deep analysis": Claude 3.5 Sonnet through the US cross-region profile, then regional Sonnet, then Haiku; 4,096 tokens, 10 minutes at most.</summary>
    public ChatRouteOptions Analyze { get; set; } = new()
    {
        ModelId = "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
        FallbackModelIds = "anthropic.claude-3-5-sonnet-20240620-v1:0,anthropic.claude-3-haiku-20240307-v1:0",
        MaxTokens = 4096,
        RetrievalTopK = 8,
        ContextTokenBudget = 3000,
        Temperature = 0.5f,
        SystemPrompt = SystemPrompts.DeepAnalysis,
        FirstTokenTimeout = TimeSpan.FromSeconds(30),
        IdleTimeout = TimeSpan.FromSeconds(30),
        TotalTimeout = TimeSpan.FromMinutes(10),
    };
}
