namespace MangaAssist.Orchestrator.Capacity;

/// <summary>What to do with a request that wants a model stream.</summary>
public enum AdmissionAction
{
    /// <summary>Take a free stream now (or queue, if another request took it first).</summary>
    Start,

    /// <summary>Wait in the admission queue; the predicted wait fits the bound or cannot be predicted yet.</summary>
    Queue,

    /// <summary>Answer <c>busy</c> at once with <see cref="AdmissionVerdict.RetryAfter"/>.</summary>
    Refuse,
}

/// <summary>The admission decision, with the refusal's reason (a metric tag) and its honest retry hint.</summary>
public readonly record struct AdmissionVerdict(AdmissionAction Action, string? Reason, TimeSpan RetryAfter)
{
    public static AdmissionVerdict Start { get; } = new(AdmissionAction.Start, null, TimeSpan.Zero);

    public static AdmissionVerdict Queue { get; } = new(AdmissionAction.Queue, null, TimeSpan.Zero);

    public static AdmissionVerdict Refuse(string reason, TimeSpan retryAfter) => new(AdmissionAction.Refuse, reason, retryAfter);
}
