using System.Diagnostics;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>
/// Lets ASP.NET Core continue API Gateway's X-Ray trace: a W3C <c>traceparent</c> wins when the
/// caller sent one; otherwise <c>X-Amzn-Trace-Id</c> is read as the parent. Every span of a request
/// — the integration endpoint, the answer, each Bedrock call — then sits in the trace the operator
/// finds from API Gateway's logs.
/// </summary>
public sealed class AmazonTraceContextPropagator : DistributedContextPropagator
{
    private readonly DistributedContextPropagator _w3c = CreateDefaultPropagator();

    public override IReadOnlyCollection<string> Fields { get; } = ["traceparent", "tracestate", AmazonTraceHeader.Name];

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        _w3c.Inject(activity, carrier, setter);

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        _w3c.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);
        if (traceId is not null || getter is null)
        {
            return;
        }

        getter(carrier, AmazonTraceHeader.Name, out var header, out _);
        if (AmazonTraceHeader.TryParse(header, out var context))
        {
            var flags = context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00";
            traceId = $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{flags}";
        }
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        _w3c.ExtractBaggage(carrier, getter);
}
