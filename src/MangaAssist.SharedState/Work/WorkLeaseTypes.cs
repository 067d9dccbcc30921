namespace MangaAssist.SharedState.Work;

/// <summary>
/// State kept beside a unit of work, written with the enqueue and deleted with the completion in the same call,
/// so a taker that claims the unit finds everything it needs without another round trip.
/// </summary>
/// <param name="Key">The state's key without the shared key prefix (an owner-scoped key, so <c>forget</c> finds it).</param>
/// <param name="TimeToLive">How long the state outlives a taker that never completes the unit.</param>
public sealed record WorkAttachment(string Key, ReadOnlyMemory<byte> Value, TimeSpan TimeToLive);

/// <summary>A unit claimed from a taker that stopped renewing (or handed it over), with its attachment when that still exists.</summary>
public sealed record ClaimedWork(WorkLease Lease, byte[]? Attachment);

/// <summary>What one claim pass found, and where the next pass goes on scanning the pending leases.</summary>
public sealed record WorkClaims(IReadOnlyList<ClaimedWork> Claimed, string NextCursor)
{
    /// <summary>The cursor that starts a scan at the first pending lease.</summary>
    public const string FirstCursor = "0-0";
}
