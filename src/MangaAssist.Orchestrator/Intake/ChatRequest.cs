using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;

namespace MangaAssist.Orchestrator.Intake;

/// <summary>An accepted chat request, ready to be answered in the background.</summary>
/// <param name="Route">The client action: <c>sendMessage</c> or <c>analyze</c>.</param>
/// <param name="Profile">Model and limits of that route.</param>
/// <param name="Principal">Who asked: the connection's principal, recorded at <c>$connect</c>. Everything the answer reads or writes is theirs.</param>
/// <param name="TraceParent">The caller's trace context: the trace this answer's spans continue.</param>
public sealed record ChatRequest(
    string ConnectionId,
    string RequestId,
    string SessionId,
    string Message,
    string Route,
    ChatRouteOptions Profile,
    ShopperPrincipal Principal,
    System.Diagnostics.ActivityContext TraceParent = default)
{
    /// <summary>Who the per-shopper limits and budgets apply to: the principal (guests have their own, tighter buckets).</summary>
    public string LimitKey => Principal.Id;
}
