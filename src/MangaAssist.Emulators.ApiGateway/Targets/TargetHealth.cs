namespace MangaAssist.Emulators.ApiGateway.Targets;

/// <summary>Whether a target gets new integration calls (an ALB target's <c>healthy</c> / <c>unhealthy</c>).</summary>
public enum TargetHealth
{
    Healthy,
    Unhealthy,
}
