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
    private string _stage = "local";
    private int _instances = 1;

    // One random secret per stack: the gateway emulators send it and every service instance demands it,
    // so local runs and tests go through the same closed integration door as production.
    private readonly string _integrationSecret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    [Flags]
    private enum App
    {
        Bedrock = 1,
        Service = 2,
        Gateway = 4,
        All = Bedrock | Service | Gateway,
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

    /// <summary>The gateway stage: the first path segment of the <c>@connections</c> endpoint. Default "local".</summary>
    public LoopbackStackBuilder UseStage(string stage)
    {
        _stage = stage;
        return this;
    }

    /// <summary>How many service instances start, each behind its own gateway emulator, all sharing one Bedrock emulator.</summary>
    public LoopbackStackBuilder UseServiceInstances(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _instances = count;
        return this;
    }

    /// <summary>Sets the default log level of all three apps.</summary>
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

    /// <summary>Chooses the ports and writes every app's command line.</summary>
    public LoopbackStackPlan Plan()
    {
        var bedrockUrl = _bedrockUrl ?? LoopbackPorts.FreeUrl();
        var instances = new List<LoopbackInstancePlan>
        {
            PlanInstance(bedrockUrl, _serviceUrl ?? LoopbackPorts.FreeUrl(), _gatewayUrl ?? LoopbackPorts.FreeUrl(), []),
        };
        for (var i = 1; i < _instances; i++)
        {
            instances.Add(PlanInstance(bedrockUrl, []));
        }

        return new LoopbackStackPlan(bedrockUrl, [$"--urls={bedrockUrl}", .. For(App.Bedrock)], instances) { IntegrationSecret = _integrationSecret };
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
            $"--ApiGatewayManagement:Endpoint={management}",
            // Static keys: the emulators need a signed request, not a real account.
            "--Aws:Credentials:Mode=Static",
            "--Aws:Credentials:AccessKeyId=AKIDLOOPBACK",
            "--Aws:Credentials:SecretAccessKey=loopback-secret",
            $"--Gateway:IntegrationSecret={_integrationSecret}",
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

    private IEnumerable<string> For(App app) => _settings.Where(s => (s.To & app) != 0).Select(s => s.Arg);

    private LoopbackStackBuilder Add(App to, IEnumerable<string> args)
    {
        _settings.AddRange(args.Select(arg => (to, arg)));
        return this;
    }
}
