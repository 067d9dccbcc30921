using System.Threading.RateLimiting;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Pipeline;

/// <summary>What the admit stage decided: a stream lease to hold while answering, or the outcome of the refusal.</summary>
public sealed record Admission(RateLimitLease? Lease, AnswerOutcome Refusal) : IDisposable
{
    public bool Admitted => Lease is not null;

    public void Dispose() => Lease?.Dispose();
}
