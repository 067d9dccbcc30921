namespace MangaAssist.LocalEdge.Stack;

/// <summary>One service instance and the gateway emulator in front of it, as one Fargate task behind its API.</summary>
/// <param name="ServiceArgs">The service's command line (its <c>--urls</c>, upstream endpoints and settings).</param>
/// <param name="GatewayArgs">The API Gateway emulator's command line; empty when the instance sits behind another instance's gateway (<see cref="LoopbackStackBuilder.UseSharedGateway"/>).</param>
public sealed record LoopbackInstancePlan(Uri ServiceUrl, Uri GatewayUrl, IReadOnlyList<string> ServiceArgs, IReadOnlyList<string> GatewayArgs)
{
    /// <summary>False when this instance sits behind the first instance's gateway and starts none of its own.</summary>
    public bool HasOwnGateway => GatewayArgs.Count > 0;

    /// <summary>Where shoppers' WebSockets connect.</summary>
    public Uri WebSocketUrl => new($"ws://{GatewayUrl.Authority}/");

    /// <summary>Where a shopper holding <paramref name="token"/> connects: the gateway maps <c>token</c> onto <c>$connect</c>.</summary>
    public Uri ConnectUri(string token) => new($"ws://{GatewayUrl.Authority}/?token={Uri.EscapeDataString(token)}");
}
