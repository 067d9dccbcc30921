using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Markers;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>
/// Decides the fault of one request. Markers win over the rules of <c>/_emulator/faults</c>; among markers the
/// first one written that still applies is used. A marker with <c>xK</c> applies to the first K requests whose
/// last user message is exactly the same text (counted across all operations, apart per model scope); without
/// <c>xK</c> it applies to every request. <c>[[context-limit:N]]</c> refuses before anything else.
/// </summary>
internal sealed class FaultPlanner(MarkerRequestCounter counter, FaultRuleBook rules)
{
    public FaultPlan? Plan(string modelId, string lastUserMessage, ScenarioMarkers markers, int inputTokens)
    {
        if (markers.ContextLimit is { } limit && inputTokens > limit)
        {
            return new FaultPlan(FaultKind.ContextTooLong, 0, FaultSource.Marker);
        }

        if (markers.Faults.Count == 0)
        {
            return rules.Draw(modelId);
        }

        // Every xK scope of the message counts this request, whichever marker ends up applying.
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var scope in markers.Faults.Where(f => f.FirstRequests is not null).Select(f => f.ModelFilter ?? string.Empty).Distinct())
        {
            ordinals[scope] = counter.Next(lastUserMessage, scope);
        }

        var marker = markers.Faults.FirstOrDefault(f => f.FirstRequests is not { } first || ordinals[f.ModelFilter ?? string.Empty] <= first);
        return marker is null ? null : new FaultPlan(marker.Kind, marker.AfterTokens, FaultSource.Marker, markers.RetryAfterSeconds);
    }
}
