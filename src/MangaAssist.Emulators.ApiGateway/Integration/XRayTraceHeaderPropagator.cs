using System.Diagnostics;

namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>
/// What API Gateway puts on an integration request when X-Ray tracing is on: the trace as
/// <c>X-Amzn-Trace-Id: Root=1-{8 hex}-{24 hex};Parent={span};Sampled={0|1}</c>, not W3C headers.
/// The integration call's own activity provides the ids, so a trace shows the call as the parent.
/// </summary>
internal sealed class XRayTraceHeaderPropagator : DistributedContextPropagator
{
    public const string HeaderName = "X-Amzn-Trace-Id";

    public override IReadOnlyCollection<string> Fields { get; } = [HeaderName];

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        if (activity is null || setter is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        var traceId = activity.TraceId.ToHexString();
        var sampled = activity.Recorded ? 1 : 0;
        setter(carrier, HeaderName, $"Root=1-{traceId[..8]}-{traceId[8..]};Parent={activity.SpanId.ToHexString()};Sampled={sampled}");
    }

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
}
