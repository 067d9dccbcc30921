namespace MangaAssist.LocalEdge.Stack;

/// <summary>
/// The addresses and command lines of a loopback stack: one Bedrock emulator and one token issuer shared by
/// every service instance, each instance with its own gateway emulator. Starting it is up to the caller:
/// <see cref="LoopbackStack"/> in this process, the load tool as separate processes.
/// </summary>
public sealed record LoopbackStackPlan(Uri BedrockUrl, IReadOnlyList<string> BedrockArgs, IReadOnlyList<LoopbackInstancePlan> Instances)
{
    /// <summary>The first instance: the whole stack when there is one.</summary>
    public LoopbackInstancePlan Main => Instances[0];

    /// <summary>The integration secret the stack's gateway emulators send and its services demand (header X-MangaAssist-Integration-Secret).</summary>
    public string IntegrationSecret { get; init; } = "";

    /// <summary>The development token issuer every service instance trusts (<c>Identity:Authority</c>).</summary>
    public Uri IssuerUrl { get; init; } = new("http://127.0.0.1:8070");

    /// <summary>The token issuer's command line.</summary>
    public IReadOnlyList<string> IssuerArgs { get; init; } = [];

    /// <summary>The OpenSearch stand-in every service instance retrieves from, or null for the embedded index.</summary>
    public Uri? OpenSearchUrl { get; init; }

    public Uri ServiceUrl => Main.ServiceUrl;

    public Uri GatewayUrl => Main.GatewayUrl;

    public Uri WebSocketUrl => Main.WebSocketUrl;
}
