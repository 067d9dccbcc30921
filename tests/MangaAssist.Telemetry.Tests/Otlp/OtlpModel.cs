namespace MangaAssist.Telemetry.Tests.Otlp;

/// <summary>OTLP span kinds (opentelemetry/proto/trace/v1/trace.proto, Span.SpanKind).</summary>
public enum OtlpSpanKind
{
    Unspecified = 0,
    Internal = 1,
    Server = 2,
    Client = 3,
    Producer = 4,
    Consumer = 5,
}

/// <summary>OTLP status codes (Status.StatusCode).</summary>
public enum OtlpStatusCode
{
    Unset = 0,
    Ok = 1,
    Error = 2,
}

/// <summary>
/// One span as it arrived, with its resource and scope. Ids are lower-case hex, as
/// <see cref="System.Diagnostics.ActivityTraceId.ToHexString"/> writes them; a root span has no parent id.
/// Attribute values are <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
/// <c>byte[]</c>, <c>object?[]</c> (arrays) or <c>IReadOnlyDictionary&lt;string, object?&gt;</c> (kvlists).
/// </summary>
public sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    OtlpSpanKind Kind,
    ulong StartTimeUnixNano,
    ulong EndTimeUnixNano,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<OtlpEvent> Events,
    OtlpStatusCode StatusCode,
    string? StatusMessage,
    string ScopeName,
    string? ScopeVersion,
    IReadOnlyDictionary<string, object?> Resource);

public sealed record OtlpEvent(string Name, ulong TimeUnixNano, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>One metric of an ExportMetricsServiceRequest: only its name, scope and resource (the receiver does not decode data points).</summary>
public sealed record OtlpMetric(string Name, string ScopeName, IReadOnlyDictionary<string, object?> Resource);
