using System.Diagnostics;
using OpenTelemetry;

namespace MangaAssist.ServiceDefaults.Telemetry;

/// <summary>
/// Exports only the spans this host made. Activity listeners are process-wide, so when several hosts run in one
/// process (LocalEdge) every tracer provider sees every ASP.NET Core and HttpClient span, and each would export
/// it under its own <c>service.name</c>. A span belongs to the host whose ASP.NET Core source started it (each host
/// has its own instance), to its in-process parent's host, or, for a root of any other source, to the first
/// provider that saw it start. With one host in the process this keeps every span.
/// </summary>
/// <remarks>A composite, so the provider hands the exporter its resource as it does for its own processors.</remarks>
internal sealed class HostSpanFilter(object host, ActivitySource? hostServerSource, BaseProcessor<Activity> export) : CompositeProcessor<Activity>([export])
{
    private const string OwnerProperty = "mangaassist.telemetry.host";
    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    public override void OnStart(Activity data)
    {
        if (data.GetCustomProperty(OwnerProperty) is null)
        {
            var owner = data.Parent?.GetCustomProperty(OwnerProperty)
                ?? (data.Source.Name != AspNetCoreSource || ReferenceEquals(data.Source, hostServerSource) ? host : null);
            if (owner is not null)
            {
                data.SetCustomProperty(OwnerProperty, owner);
            }
        }

        if (IsOwn(data))
        {
            base.OnStart(data);
        }
    }

    public override void OnEnd(Activity data)
    {
        if (IsOwn(data))
        {
            base.OnEnd(data);
        }
    }

    private bool IsOwn(Activity data) => ReferenceEquals(data.GetCustomProperty(OwnerProperty), host);
}
