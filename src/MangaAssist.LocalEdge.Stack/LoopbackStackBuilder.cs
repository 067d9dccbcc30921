using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>
/// The Bedrock emulator, the service and the API Gateway emulator wired to each other on loopback,
/// as LocalEdge runs them. Settings are command-line arguments of the apps: the wiring (addresses,
/// endpoints, stage, credentials) first, then the settings in the order they were given, as every
/// copy of this wiring did before (the service's single-flight test fails with the wiring last).
/// </summary>
public sealed class LoopbackStackBuilder
{
    private readonly List<(App To, string Arg)> _settings = [];
    private Uri? _bedrockUrl;
    private Uri? _serviceUrl;
    private Uri? _gatewayUrl;
    private Uri? _issuerUrl;
    private Uri? _openSearchUrl;
    private string _stage = "local";
    private int _instances = 1;
    private bool _sharedGateway;

    // One random secret per stack: the gateway emulators send it and every service instance demands it,
    // so local runs and tests go through the same closed integration door as production.
    private readonly string _integrationSecret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    // One guest-token signing key per stack, shared by its instances so a guest token minted by one validates on all.
    private readonly string _guestSigningKeyPem = NewGuestSigningKeyPem();

    [Flags]
    private enum App
    {
        Bedrock = 1,
        Service = 2,
        Gateway = 4,
        Issuer = 8,
        All = Bedrock | Service | Gateway | Issuer,
    }

    /// <summary>A last word on each in-process service's builder (e.g. a different <see cref="TimeProvider"/>).</summary>
    internal Action<WebApplicationBuilder>? ConfigureServiceBuilder { get; private set; }

    /// <summary>True when the caller runs the service itself (e.g. as a process); the stack then starts only the emulators.</summary>
    internal bool ServiceIsExternal { get; private set; }

    /// <summary>Fixed addresses for the first instance (LocalEdge's well-known ports); by default every listener gets a free port.</summary>
    public LoopbackStackBuilder UseUrls(Uri bedrock, Uri service, Uri gateway)
    {
        (_bedrockUrl, _serviceUrl, _gatewayUrl) = (bedrock, service, gateway);
        return this;
    }

    /// <summary>A fixed address for the development token issuer (LocalEdge's 8070); by default it gets a free port.</summary>
    public LoopbackStackBuilder UseIssuerUrl(Uri issuer)
    {
        _issuerUrl = issuer;
        return this;
    }

    /// <summary>The gateway stage: the first path segment of the <c>@connections</c> endpoint. Default "local".</summary>
    public LoopbackStackBuilder UseStage(string stage)
    {
        _stage = stage;
        return this;
    }

    /// <summary>
    /// Retrieval over the OpenSearch wire: the stack starts the OpenSearch stand-in, loads the catalog into it and
    /// points every service at it (<c>Retrieval:OpenSearch:Endpoint</c>) instead of the embedded index.
    /// </summary>
    public LoopbackStackBuilder UseOpenSearchStandIn(Uri? url = null)
    {
        _openSearchUrl = url ?? LoopbackPorts.FreeUrl();
        return ForService($"--Retrieval:OpenSearch:Endpoint={_openSearchUrl}");
    }

    /// <summary>How many service instances start, each behind its own gateway emulator, all sharing one Bedrock emulator.</summary>
    public LoopbackStackBuilder UseServiceInstances(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _instances = count;
        return this;
    }

    /// <summary>
    /// One gateway emulator in front of every planned instance (its integration targets, called in turn and health
    /// checked), as one API in front of an ALB target group of ECS tasks; every service posts to that gateway's
    /// <c>@connections</c>. Without it each instance gets a gateway of its own.
    /// </summary>
    /// <param name="checkInterval">How often the gateway checks each service's <c>/health/ready</c> (default 250 ms); two failed
    /// checks (or refused connections) take a service out of service, two passed ones bring it back. A stopping service
    /// keeps serving for three intervals after it reports not-ready (<c>Shutdown:ReadinessGrace</c>).</param>
    public LoopbackStackBuilder UseSharedGateway(TimeSpan? checkInterval = null)
    {
        _sharedGateway = true;
        var interval = checkInterval ?? TimeSpan.FromMilliseconds(250);
        // After SIGTERM a service answers not-ready and keeps serving for three checks, so the gateway has taken it
        // out of service (two failed checks) before its port closes.
        ForService(FormattableString.Invariant($"--Shutdown:ReadinessGrace={interval * 3:c}"));
        return ForGateway(
            "--ApiGatewayEmulator:TargetHealth:Path=/health/ready",
            FormattableString.Invariant($"--ApiGatewayEmulator:TargetHealth:Interval={interval:c}"),
            FormattableString.Invariant($"--ApiGatewayEmulator:TargetHealth:Timeout={interval * 0.8:c}"));
    }

    /// <summary>Sets the default log level of all four apps.</summary>
    public LoopbackStackBuilder UseLogLevel(string level) => ForAll($"--Logging:LogLevel:Default={level}");

    /// <summary>A model that answers at once and fast (5 ms to the first token, 2,000 tokens a second), for tests.</summary>
    public LoopbackStackBuilder UseFastModel() =>
        ForBedrock("--BedrockEmulator:TimeToFirstTokenMs=5", "--BedrockEmulator:TokensPerSecond=2000");

    /// <summary>Points every service instance at one Redis (StackExchange.Redis configuration string).</summary>
    public LoopbackStackBuilder UseRedis(string configuration) => ForService($"--Redis:Configuration={configuration}");

    /// <summary>The clock of every in-process service instance.</summary>
    public LoopbackStackBuilder UseTimeProvider(TimeProvider clock) =>
        ConfigureService(builder => builder.Services.AddSingleton(clock));

    /// <summary>A last word on each in-process service's builder; calls add up in order.</summary>
    public LoopbackStackBuilder ConfigureService(Action<WebApplicationBuilder> configure)
    {
        ConfigureServiceBuilder += configure;
        return this;
    }

    /// <summary>The caller starts the service from the plan's arguments (e.g. as its own process); <see cref="StartAsync"/> starts only the emulators.</summary>
    public LoopbackStackBuilder RunServiceElsewhere()
    {
        ServiceIsExternal = true;
        return this;
    }

    public LoopbackStackBuilder ForAll(params IEnumerable<string> args) => Add(App.All, args);

    public LoopbackStackBuilder ForBedrock(params IEnumerable<string> args) => Add(App.Bedrock, args);

    public LoopbackStackBuilder ForService(params IEnumerable<string> args) => Add(App.Service, args);

    public LoopbackStackBuilder ForGateway(params IEnumerable<string> args) => Add(App.Gateway, args);

    public LoopbackStackBuilder ForIssuer(params IEnumerable<string> args) => Add(App.Issuer, args);

    /// <summary>Chooses the ports and writes every app's command line.</summary>
    public LoopbackStackPlan Plan()
    {
        var bedrockUrl = _bedrockUrl ?? LoopbackPorts.FreeUrl();
        _issuerUrl ??= LoopbackPorts.FreeUrl();
        var instances = new List<LoopbackInstancePlan>
        {
            PlanInstance(bedrockUrl, _serviceUrl ?? LoopbackPorts.FreeUrl(), _gatewayUrl ?? LoopbackPorts.FreeUrl(), []),
        };
        for (var i = 1; i < _instances; i++)
        {
            instances.Add(_sharedGateway ? PlanInstance(bedrockUrl, LoopbackPorts.FreeUrl(), instances[0].GatewayUrl, []) with { GatewayArgs = [] } : PlanInstance(bedrockUrl, []));
        }

        if (_sharedGateway)
        {
            // The first instance's gateway calls every instance: its single integration URL becomes the list.
            string[] targets = [.. instances.Select((instance, i) => $"--ApiGatewayEmulator:IntegrationBaseUrls:{i}={instance.ServiceUrl.ToString().TrimEnd('/')}")];
            instances[0] = instances[0] with { GatewayArgs = [.. instances[0].GatewayArgs, .. targets] };
        }

        return new LoopbackStackPlan(bedrockUrl, [$"--urls={bedrockUrl}", .. For(App.Bedrock)], instances)
        {
            IntegrationSecret = _integrationSecret,
            IssuerUrl = _issuerUrl,
            IssuerArgs = IssuerArgs(_issuerUrl),
            OpenSearchUrl = _openSearchUrl,
        };
    }

    /// <summary>Plans the stack and starts it in this process; the service is ready when its <c>/health/ready</c> says so.</summary>
    public Task<LoopbackStack> StartAsync() => LoopbackStack.StartAsync(this, Plan());

    /// <summary>Another instance on free ports against <paramref name="bedrockUrl"/>, with extra service settings last.</summary>
    internal LoopbackInstancePlan PlanInstance(Uri bedrockUrl, IEnumerable<string> extraServiceArgs) =>
        PlanInstance(bedrockUrl, LoopbackPorts.FreeUrl(), LoopbackPorts.FreeUrl(), extraServiceArgs);

    private LoopbackInstancePlan PlanInstance(Uri bedrockUrl, Uri serviceUrl, Uri gatewayUrl, IEnumerable<string> extraServiceArgs)
    {
        var integration = serviceUrl.ToString().TrimEnd('/');
        var management = $"{gatewayUrl.ToString().TrimEnd('/')}/{_stage}";
        string[] service =
        [
            $"--urls={serviceUrl}",
            $"--Bedrock:Endpoint={bedrockUrl}",
            // The emulator is plain http and speaks HTTP/2 with prior knowledge: the streams share connections, as over https.
            "--Bedrock:HttpVersion=Http2",
            $"--ApiGatewayManagement:Endpoint={management}",
            // Static keys: the emulators need a signed request, not a real account.
            "--Aws:Credentials:Mode=Static",
            "--Aws:Credentials:AccessKeyId=AKIDLOOPBACK",
            "--Aws:Credentials:SecretAccessKey=loopback-secret",
            $"--Gateway:IntegrationSecret={_integrationSecret}",
            .. IdentityArgs(),
            .. For(App.Service), .. extraServiceArgs,
        ];
        string[] gateway =
        [
            $"--urls={gatewayUrl}",
            $"--ApiGatewayEmulator:Stage={_stage}",
            $"--ApiGatewayEmulator:IntegrationBaseUrl={integration}",
            $"--ApiGatewayEmulator:IntegrationSecret={_integrationSecret}",
            .. For(App.Gateway),
        ];
        return new LoopbackInstancePlan(serviceUrl, gatewayUrl, service, gateway);
    }

    /// <summary>The service's identity settings: tokens from this stack's issuer, guest tokens with this stack's key.</summary>
    private string[] IdentityArgs()
    {
        var issuer = (_issuerUrl ?? throw new InvalidOperationException("Plan the stack before its instances.")).ToString().TrimEnd('/');
        return
        [
            $"--Identity:Authority={issuer}",
            "--Identity:Audience=mangaassist",
            // The local issuer speaks plain http on loopback; production points at an https issuer.
            "--Identity:RequireHttpsMetadata=false",
            "--Identity:Guests:Enabled=true",
            $"--Identity:Guests:SigningKeyPem={_guestSigningKeyPem}",
        ];
    }

    private string[] IssuerArgs(Uri issuerUrl)
    {
        // The issuer refuses Production, the host's default: a loopback stack is a development run unless the
        // environment says otherwise (then the refusal is the point).
        var environmentIsSet = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
        return
        [
            $"--urls={issuerUrl}",
            $"--TokenIssuer:Issuer={issuerUrl.ToString().TrimEnd('/')}",
            .. environmentIsSet ? Array.Empty<string>() : ["--environment=Development"],
            .. For(App.Issuer),
        ];
    }

    private static string NewGuestSigningKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    private IEnumerable<string> For(App app) => _settings.Where(s => (s.To & app) != 0).Select(s => s.Arg);

    private LoopbackStackBuilder Add(App to, IEnumerable<string> args)
    {
        _settings.AddRange(args.Select(arg => (to, arg)));
        return this;
    }
}
