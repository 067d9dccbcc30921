using System.Threading.RateLimiting;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>A stream lease to dispose when the stream ends, or why the request is refused and when to retry.</summary>
public readonly record struct StreamEntry(RateLimitLease? Lease, string? Refusal, TimeSpan RetryAfter);
