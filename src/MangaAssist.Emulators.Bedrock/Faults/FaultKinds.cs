using MangaAssist.Emulators.Bedrock.Errors;

namespace MangaAssist.Emulators.Bedrock.Faults;

/// <summary>Marker names, stats names, and what each fault kind answers.</summary>
public static class FaultKinds
{
    private static readonly Dictionary<string, FaultKind> ByMarkerName = new(StringComparer.Ordinal)
    {
        ["503"] = FaultKind.Http503,
        ["429"] = FaultKind.Http429,
        ["500"] = FaultKind.Http500,
        ["408"] = FaultKind.Http408,
        ["424"] = FaultKind.Http424,
        ["400"] = FaultKind.Validation,
        ["403"] = FaultKind.AccessDenied,
        ["model-not-ready"] = FaultKind.ModelNotReady,
        ["quota"] = FaultKind.ServiceQuotaExceeded,
        ["stream-error"] = FaultKind.StreamError,
        ["stream-throttle"] = FaultKind.StreamThrottle,
        ["stream-internal"] = FaultKind.StreamInternal,
        ["stream-unavailable"] = FaultKind.StreamUnavailable,
        ["reset"] = FaultKind.Reset,
        ["stall"] = FaultKind.Stall,
        ["malformed"] = FaultKind.Malformed,
        ["no-end"] = FaultKind.NoEnd,
        ["reset-before-headers"] = FaultKind.ResetBeforeHeaders,
        ["silent"] = FaultKind.Silent,
        ["context-too-long"] = FaultKind.ContextTooLong,
        ["content-filtered"] = FaultKind.ContentFiltered,
    };

    public static IReadOnlyCollection<string> MarkerNames => ByMarkerName.Keys;

    public static bool TryParseMarkerName(string name, out FaultKind kind) => ByMarkerName.TryGetValue(name, out kind);

    /// <summary>The camelCase key used in <c>/_emulator/stats</c>.</summary>
    public static string StatsName(FaultKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The HTTP error an HTTP fault answers with, or null for a mid-stream fault.</summary>
    public static BedrockError? HttpError(FaultKind kind) => kind switch
    {
        FaultKind.Http503 => BedrockErrors.ServiceUnavailable(),
        FaultKind.Http429 => BedrockErrors.Throttling(),
        FaultKind.Http500 => BedrockErrors.InternalServer(),
        FaultKind.Http408 => BedrockErrors.ModelTimeout(),
        FaultKind.Http424 => BedrockErrors.ModelError(),
        FaultKind.ModelNotReady => BedrockErrors.ModelNotReady(),
        FaultKind.ServiceQuotaExceeded => BedrockErrors.ServiceQuotaExceeded(),
        FaultKind.Validation => BedrockErrors.Validation("The emulator rejected this request because of a [[fault:400]] marker."),
        FaultKind.AccessDenied => BedrockErrors.AccessDenied(),
        FaultKind.ContextTooLong => BedrockErrors.InputTooLong(),
        _ => null,
    };

    /// <summary>
    /// How an in-stream exception reaches a non-streaming Converse call: as the HTTP error carrying the same exception.
    /// Resets and stalls keep their meaning there; they return null.
    /// </summary>
    public static BedrockError? NonStreamingEquivalent(FaultKind kind) => kind switch
    {
        FaultKind.StreamError => BedrockErrors.ModelError(),
        FaultKind.StreamThrottle => BedrockErrors.Throttling(),
        FaultKind.StreamInternal => BedrockErrors.InternalServer(),
        FaultKind.StreamUnavailable => BedrockErrors.ServiceUnavailable(),
        _ => HttpError(kind),
    };

    /// <summary>Kinds that strike before any response header: the connection is dropped, at once or after a silence.</summary>
    public static bool IsBeforeHeaders(FaultKind kind) => kind is FaultKind.ResetBeforeHeaders or FaultKind.Silent;

    public static bool IsInStreamException(FaultKind kind) =>
        kind is FaultKind.StreamError or FaultKind.StreamThrottle or FaultKind.StreamInternal or FaultKind.StreamUnavailable;
}
