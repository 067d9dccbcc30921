namespace MangaAssist.LocalEdge.Stack;

/// <summary>
/// The addresses and command lines of a loopback stack: one Bedrock emulator shared by every
/// service instance, each instance with its own gateway emulator. Starting it is up to the caller:
/// <see cref="LoopbackStack"/> in this process, the load tool as separate processes.
/// </summary>
public sealed record LoopbackStackPlan(Uri BedrockUrl, IReadOnlyList<string> BedrockArgs, IReadOnlyList<LoopbackInstancePlan> Instances)
{
    /// <summary>The first instance: the whole stack when there is one.</summary>
    public LoopbackInstancePlan Main => Instances[0];

    /// <summary>The integration secret the stack's gateway emulators send and its services demand (header X-MangaAssist-Integration-Secret).</summary>
    public string IntegrationSecret { get; init; } = "";

    public Uri ServiceUrl => Main.ServiceUrl;

    public Uri GatewayUrl => Main.GatewayUrl;

    public Uri WebSocketUrl => Main.WebSocketUrl;
}
