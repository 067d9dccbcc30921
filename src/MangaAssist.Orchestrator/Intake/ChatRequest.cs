using MangaAssist.Orchestrator.Options;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>An accepted chat request, ready to be answered in the background.</summary>
/// <param name="Route">The client action: <c>sendMessage</c> or <c>analyze</c>.</param>
/// <param name="Profile">Model and limits of that route.</param>
/// <param name="TraceParent">The caller's trace context: the trace this answer's spans continue.</param>
/// <param name="UserId">The user API Gateway's authorizer identified (<c>X-User-Id</c>), when there is one.</param>
public sealed record ChatRequest(
    string ConnectionId,
    string RequestId,
    string SessionId,
    string Message,
    string Route,
    ChatRouteOptions Profile,
    System.Diagnostics.ActivityContext TraceParent = default,
    string? UserId = null)
{
    /// <summary>Who the per-user limits and budgets apply to: the authenticated user, else the session.</summary>
    public string LimitKey => UserId ?? SessionId;
}
