using System.Diagnostics.Metrics;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>Model spend as a metric: <c>mangaassist.model.spend</c>, in the shop's currency, by route, model and currency.</summary>
public sealed class SpendTelemetry
{
    public const string Name = "MangaAssist.Orchestrator.Spend";

    private readonly Counter<double> _spend;
    private readonly Counter<long> _refused;

    public SpendTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(Name);
        _spend = meter.CreateCounter<double>("mangaassist.model.spend", "{currency}", "List price of model calls, by route, model and currency.");
        _refused = meter.CreateCounter<long>("mangaassist.spend_breaker.refused", "{request}", "Answers refused while the spend breaker was open, by route.");
    }

    public void RecordSpend(string route, string model, string currency, decimal amount) =>
        _spend.Add((double)amount, new("route", route), new("gen_ai.request.model", model), new("currency", currency));

    public void RecordRefused(string route) => _refused.Add(1, new KeyValuePair<string, object?>("route", route));
}
