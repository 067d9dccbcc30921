namespace MangaAssist.SharedState.Redis;

/// <summary>Where shared state lives right now; for readiness checks and metrics.</summary>
public interface ISharedStateHealth
{
    /// <summary><see cref="SharedStateStatus.InMemory"/> when no Redis is configured.</summary>
    SharedStateStatus Status { get; }
}

public enum SharedStateStatus
{
    /// <summary>No Redis configured: every capability is local to this process.</summary>
    InMemory,

    /// <summary>Redis is configured and has not answered yet since start; calls wait for it until <c>Redis:StartupPatience</c> ends.</summary>
    Connecting,

    /// <summary>Redis is connected and the circuit is closed.</summary>
    Available,

    /// <summary>Redis is configured but unreachable, slow, or the circuit is open: capabilities use their local fallbacks.</summary>
    Unavailable,
}
