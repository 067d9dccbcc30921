using System.Threading.RateLimiting;

namespace MangaAssist.Orchestrator.Capacity;

/// <summary>A stream permit that counts its release as one completion for the drain rate.</summary>
internal sealed class DrainingLease(RateLimitLease inner, DrainRate drain) : RateLimitLease
{
    private int _disposed;

    public override bool IsAcquired => inner.IsAcquired;

    public override IEnumerable<string> MetadataNames => inner.MetadataNames;

    public override bool TryGetMetadata(string metadataName, out object? metadata) => inner.TryGetMetadata(metadataName, out metadata);

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            inner.Dispose();
            drain.Record();
        }

        base.Dispose(disposing);
    }
}
