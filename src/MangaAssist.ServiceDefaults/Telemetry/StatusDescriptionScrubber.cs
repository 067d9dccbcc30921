using System.Diagnostics;
using OpenTelemetry;

namespace MangaAssist.ServiceDefaults.Telemetry;

/// <summary>
/// Drops span status descriptions. Instrumentations fill them with exception messages, and an upstream's
/// message may quote what it was sent; <c>error.type</c> still says what failed.
/// </summary>
internal sealed class StatusDescriptionScrubber : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.Status == ActivityStatusCode.Error && data.StatusDescription is not null)
        {
            data.SetStatus(ActivityStatusCode.Error);
        }
    }
}
