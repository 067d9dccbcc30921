namespace MangaAssist.Orchestrator.Kernel;

/// <summary>Why an answer stopped before the model finished it. The first reason recorded wins.</summary>
public enum CancelReason
{
    None,

    /// <summary>The client sent <c>cancel</c>.</summary>
    ClientCancelled,

    /// <summary>API Gateway reported <c>$disconnect</c>.</summary>
    ClientDisconnected,

    /// <summary>A post answered 410 Gone.</summary>
    ClientGone,

    /// <summary>A frame could not be delivered after retries.</summary>
    DeliveryFailed,

    /// <summary>No first token within the route's first-token timeout.</summary>
    FirstTokenTimeout,

    /// <summary>No token within the route's idle timeout.</summary>
    IdleTimeout,

    /// <summary>The answer exceeded the route's total timeout.</summary>
    TotalTimeout,

    /// <summary>The instance is shutting down and the drain period ended.</summary>
    ShuttingDown,
}
