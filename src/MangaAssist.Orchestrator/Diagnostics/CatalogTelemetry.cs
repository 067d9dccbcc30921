using System.Diagnostics.Metrics;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>The catalog API's metrics: how large its responses are (API Gateway refuses bodies above its limits).</summary>
public sealed class CatalogTelemetry : IDisposable
{
    public const string Name = "MangaAssist.Orchestrator.Catalog";

    private readonly Meter _meter;
    private readonly Histogram<long> _responseSize;

    public CatalogTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _responseSize = _meter.CreateHistogram<long>("mangaassist.catalog.search.response_size", "By", "Body size of catalog search responses.");
    }

    public void RecordResponseSize(long bytes, int results) =>
        _responseSize.Record(bytes, new KeyValuePair<string, object?>("results", results));

    public void Dispose() => _meter.Dispose();
}
