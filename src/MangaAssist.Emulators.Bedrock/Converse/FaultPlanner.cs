using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Markers;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Decides the fault of one request. Markers win over random rates; among markers the first one written that
/// still applies is used. A marker with <c>xK</c> applies to the first K requests whose last user message is
/// exactly the same text (counted across all operations); without <c>xK</c> it applies to every request.
/// </summary>
internal sealed class FaultPlanner(MarkerRequestCounter counter, RandomFaultInjector random)
{
    public FaultPlan? Plan(string lastUserMessage, ScenarioMarkers markers)
    {
        if (markers.Faults.Count > 0)
        {
            var ordinal = markers.Faults.Any(f => f.FirstRequests is not null) ? counter.Next(lastUserMessage) : 1;
            var marker = markers.Faults.FirstOrDefault(f => f.FirstRequests is null || ordinal <= f.FirstRequests);
            return marker is null ? null : new FaultPlan(marker.Kind, marker.AfterTokens, FaultSource.Marker);
        }

        return random.Draw();
    }
}
