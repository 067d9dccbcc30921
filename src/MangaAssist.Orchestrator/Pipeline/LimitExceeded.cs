using MangaAssist.SharedState.RateLimiting;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>Why a request was refused: the limit it reached and how long until it would pass.</summary>
public sealed record LimitExceeded(RateLimitScope Scope, TimeSpan RetryAfter);
