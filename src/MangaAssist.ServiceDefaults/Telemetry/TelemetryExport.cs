namespace MangaAssist.ServiceDefaults.Telemetry;

/// <summary>
/// Registered only when <see cref="TelemetryExtensions.AddServiceTelemetry"/> switched export on, so a component
/// can skip instrumentation whose cost lands on a hot path (e.g. a per-chunk chat-client wrapper) when nothing
/// would ever read it.
/// </summary>
public sealed class TelemetryExport;
