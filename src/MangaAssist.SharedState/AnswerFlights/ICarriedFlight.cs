using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.AnswerFlights;

/// <summary>
/// A Redis flight leader whose events ride in the answer's own phase scripts (beside its frame-log writes) instead of
/// one publish each: the script that writes the frames takes the text published since the last one, and the answer's
/// last script ends the flight. Indexes are handed out here, in order, so the stream stays gap-free.
/// </summary>
internal interface ICarriedFlight
{
    string LeaseKey { get; }

    string EventsKey { get; }

    string FlightId { get; }

    AnswerFlightsOptions Options { get; }

    /// <summary>The text published since the last take as one event; null when there is none or nobody is told any more.</summary>
    CarriedEvent? TakeText();

    /// <summary>The events that end the flight (the rest of the text, then the completion or <paramref name="failure"/>); the leader has ended.</summary>
    IReadOnlyList<CarriedEvent> TakeEnd(CompletedAnswer? answer, string? failure);

    /// <summary>What the script said about the events: −1 the lease was lost.</summary>
    void Carried(long result);

    /// <summary>The script did not run (Redis unavailable): followers will learn that the leader is lost.</summary>
    void NotCarried();
}

/// <summary>One flight event: its index in the stream, kind (<c>t</c> text, <c>c</c> completed, <c>f</c> failed) and data.</summary>
internal readonly record struct CarriedEvent(long Index, char Kind, string Data);
