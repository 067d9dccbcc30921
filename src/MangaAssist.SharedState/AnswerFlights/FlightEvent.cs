using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.AnswerFlights;

public enum FlightEventKind
{
    /// <summary>The next piece of the answer (<see cref="FlightEvent.Text"/>).</summary>
    Text,

    /// <summary>The answer finished (<see cref="FlightEvent.Answer"/>, whose text is all the texts before it).</summary>
    Completed,

    /// <summary>The flight broke (<see cref="FlightEvent.FailureReason"/>); join again to retry.</summary>
    Failed,
}

/// <summary>One event of a flight, as a follower receives it.</summary>
public sealed record FlightEvent
{
    private FlightEvent(FlightEventKind kind, string? text, CompletedAnswer? answer, string? failureReason)
    {
        Kind = kind;
        Text = text;
        Answer = answer;
        FailureReason = failureReason;
    }

    public FlightEventKind Kind { get; }

    public string? Text { get; }

    public CompletedAnswer? Answer { get; }

    public string? FailureReason { get; }

    public bool IsTerminal => Kind != FlightEventKind.Text;

    public static FlightEvent ForText(string text) => new(FlightEventKind.Text, text, null, null);

    public static FlightEvent ForCompletion(CompletedAnswer answer) => new(FlightEventKind.Completed, null, answer, null);

    public static FlightEvent ForFailure(string reason) => new(FlightEventKind.Failed, null, null, reason);
}

/// <summary>Failure reasons the flights produce themselves; a leader's own reasons pass through unchanged.</summary>
public static class FlightFailureReasons
{
    /// <summary>The leader was disposed without completing or failing.</summary>
    public const string LeaderAbandoned = "leader_abandoned";

    /// <summary>The leader's lease expired without a completion: its instance died or lost Redis.</summary>
    public const string LeaderLost = "leader_lost";

    /// <summary>Redis could not be read while following.</summary>
    public const string SharedStateUnavailable = "shared_state_unavailable";

    /// <summary>The flight's early events were trimmed or expired before this follower read them.</summary>
    public const string Truncated = "flight_truncated";
}
