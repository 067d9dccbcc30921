namespace MangaAssist.Orchestrator.Kernel;

/// <summary>What became of a frame pushed to the client.</summary>
public enum DeliveryResult
{
    /// <summary>API Gateway accepted the frame.</summary>
    Delivered,

    /// <summary>The client left (410 Gone): nothing more can reach it.</summary>
    ClientGone,

    /// <summary>The frame could not be delivered after retries; the stream is broken.</summary>
    Failed,
}
