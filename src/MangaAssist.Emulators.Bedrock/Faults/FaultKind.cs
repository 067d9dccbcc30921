namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>
/// Every fault the emulator can inject. HTTP kinds answer before any event; <see cref="ResetBeforeHeaders"/> and
/// <see cref="Silent"/> strike before the response headers; the others strike mid-stream. New kinds go last so a
/// seeded rule keeps drawing the same sequence.
/// </summary>
public enum FaultKind
{
    Http503,
    Http429,
    Http500,
    Http408,
    Http424,
    ModelNotReady,
    ServiceQuotaExceeded,
    Validation,
    AccessDenied,
    StreamError,
    StreamThrottle,
    StreamInternal,
    StreamUnavailable,
    Reset,
    Stall,
    Malformed,
    NoEnd,
    ResetBeforeHeaders,
    Silent,
    ContextTooLong,
    ContentFiltered,
}
