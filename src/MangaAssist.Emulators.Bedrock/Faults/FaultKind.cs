namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>Every fault the emulator can inject. HTTP kinds answer before any event; the others strike mid-stream.</summary>
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
}
