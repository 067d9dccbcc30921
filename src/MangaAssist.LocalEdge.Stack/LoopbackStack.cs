using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>
/// A <see cref="LoopbackStackPlan"/> running in this process: each app the same application that
/// runs standalone, on its own Kestrel port. Build one with <see cref="LoopbackStackBuilder"/>.
/// </summary>
public sealed class LoopbackStack : IAsyncDisposable
{
    private readonly LoopbackStackBuilder _builder;
    private readonly WebApplication _bedrock;
    private readonly WebApplication _issuer;
    private readonly List<LoopbackInstance> _instances;
    private OpenSearchStandIn? _openSearch;
    private bool _stopped;

    private LoopbackStack(LoopbackStackBuilder builder, LoopbackStackPlan plan, WebApplication bedrock, WebApplication issuer, List<LoopbackInstance> instances)
    {
        _builder = builder;
        Plan = plan;
        _bedrock = bedrock;
        _issuer = issuer;
        _instances = instances;
        Tokens = new DevTokenClient(plan.IssuerUrl);
    }

    public LoopbackStackPlan Plan { get; }

    public Uri BedrockUrl => Plan.BedrockUrl;

    /// <summary>What a direct call to a service's <c>/routes</c> must carry in X-MangaAssist-Integration-Secret.</summary>
    public string IntegrationSecret => Plan.IntegrationSecret;

    /// <summary>Every started instance: the planned ones, then those added.</summary>
    public IReadOnlyList<LoopbackInstance> Instances => _instances;

    public LoopbackInstance Main => _instances[0];

    public Uri ServiceUrl => Main.ServiceUrl;

    public Uri GatewayUrl => Main.GatewayUrl;

    public Uri WebSocketUrl => Main.WebSocketUrl;

    /// <summary>The development token issuer (<c>POST /tokens</c>, JWKS) every service instance trusts.</summary>
    public Uri IssuerUrl => Plan.IssuerUrl;

    /// <summary>The searches the OpenSearch stand-in answered (hit ids), when the stack runs one (<see cref="LoopbackStackBuilder.UseOpenSearchStandIn"/>).</summary>
    public Emulators.OpenSearch.Engine.SearchLedger? OpenSearchLedger => _openSearch?.Ledger;

    /// <summary>A client of the stack's token issuer.</summary>
    public DevTokenClient Tokens { get; }

    /// <summary>A signed-in shopper's token: the same subject is the same principal on every instance.</summary>
    public Task<string> IssueTokenAsync(string subject, CancellationToken cancellationToken = default) =>
        Tokens.IssueTokenAsync(subject, cancellationToken);

    /// <summary>A guest's token with a fresh issuer-chosen subject.</summary>
    public Task<string> IssueGuestTokenAsync(CancellationToken cancellationToken = default) =>
        Tokens.IssueGuestTokenAsync(cancellationToken);

    /// <summary>The main instance's gateway URL for a shopper holding <paramref name="token"/>.</summary>
    public Uri ConnectUri(string token) => Main.ConnectUri(token);

    internal static async Task<LoopbackStack> StartAsync(LoopbackStackBuilder builder, LoopbackStackPlan plan)
    {
        var bedrock = Emulators.Bedrock.BedrockEmulatorApp.Create([.. plan.BedrockArgs]);
        var issuer = Emulators.TokenIssuer.TokenIssuerApp.Create([.. plan.IssuerArgs]);
        await bedrock.StartAsync();
        await issuer.StartAsync();
        var instances = new List<LoopbackInstance>();
        var stack = new LoopbackStack(builder, plan, bedrock, issuer, instances);
        try
        {
            if (plan.OpenSearchUrl is { } openSearchUrl)
            {
                stack._openSearch = await OpenSearchStandIn.StartAsync(openSearchUrl, plan.BedrockUrl, [.. plan.BedrockArgs.Where(a => a.StartsWith("--Logging:", StringComparison.Ordinal))]);
            }

            foreach (var instance in plan.Instances)
            {
                instances.Add(await LoopbackInstance.StartAsync(instance, builder.ConfigureServiceBuilder, builder.ServiceIsExternal));
            }

            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Another service instance with its own gateway, sharing this stack's Bedrock emulator (and
    /// whatever Redis the settings name), as two Fargate tasks share Bedrock and ElastiCache.
    /// </summary>
    /// <param name="serviceArgs">Settings for this instance only, after the stack's own.</param>
    public async Task<LoopbackInstance> AddInstanceAsync(IEnumerable<string>? serviceArgs = null)
    {
        var plan = _builder.PlanInstance(BedrockUrl, serviceArgs ?? []);
        var instance = await LoopbackInstance.StartAsync(plan, _builder.ConfigureServiceBuilder, _builder.ServiceIsExternal);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>Completes when any app starts stopping (each listens for Ctrl+C and SIGTERM itself).</summary>
    public Task WaitForShutdownAsync() =>
        Task.WhenAny([_bedrock.WaitForShutdownAsync(), _issuer.WaitForShutdownAsync(), .. _instances.SelectMany(i => i.Apps).Select(app => app.WaitForShutdownAsync())]);

    /// <summary>Gateways first, so no new work arrives; then the services drain; then the model and the issuer.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        foreach (var instance in Enumerable.Reverse(_instances))
        {
            await instance.StopAsync();
        }

        await _bedrock.StopAsync();
        await _issuer.StopAsync();
        if (_openSearch is not null)
        {
            await _openSearch.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _bedrock.DisposeAsync();
        await _issuer.DisposeAsync();
        if (_openSearch is not null)
        {
            await _openSearch.DisposeAsync();
        }

        Tokens.Dispose();
    }
}
