using System.Text;
using BenchmarkDotNet.Attributes;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.Orchestrator.Delivery;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Hygiene;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Benchmarks;

/// <summary>
/// One <c>@connections</c> post of a delta frame, the service's most frequent call (one per flush interval per
/// stream): signed, sent over a pooled keep-alive HTTP/1.1 connection to a loopback responder that allocates
/// nothing, answered 200. <see cref="FramePost"/> adds the frame poster (outbound gate, status metric) on top.
/// </summary>
[InProcessShortJob]
public class ConnectionsPostBenchmarks : IDisposable
{
    private const string ConnectionId = "J4bXxcYZNjMCFlg=";
    private LoopbackResponder? _responder;
    private SignedHttpTransport? _transport;
    private ServiceProvider? _metrics;
    private ApiGatewayManagementClient? _client;
    private FramePoster? _poster;
    private ReadOnlyMemory<byte> _frame;

    [GlobalSetup]
    public void Setup()
    {
        _responder = new LoopbackResponder();
        _frame = Encoding.UTF8.GetBytes("""{"type":"delta","requestId":"c-7f3a9","seq":17,"text":"おすすめは「葬送のフリーレン」です。"}""");
        var transport = _transport = new SignedHttpTransport(
            UpstreamHttpClientFactory.CreateInvoker(new ApiGatewayManagementOptions { MaxConnections = 16 }),
            new AwsEndpoint(_responder.BaseAddress),
            new SigV4Signer(new SigV4SignerSettings("execute-api", "ap-northeast-1")),
            new StaticCredentialsSource(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example")),
            TimeProvider.System);
        _client = new ApiGatewayManagementClient(transport, TimeSpan.FromSeconds(5), NullLogger<ApiGatewayManagementClient>.Instance);
        _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _poster = new FramePoster(
            _client,
            new OutboundSanitizer(allowDebug: false),
            Microsoft.Extensions.Options.Options.Create(new DeliveryOptions()),
            TimeProvider.System,
            new Randomizer(),
            new ChatTelemetry(_metrics.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<FramePoster>.Instance);
    }

    [Benchmark]
    public ValueTask<PostToConnectionResult> ConnectionsPost() => _client!.PostToConnectionAsync(ConnectionId, _frame);

    [Benchmark]
    public ValueTask<DeliveryResult> FramePost() => _poster!.PostAsync(ConnectionId, _frame, "c-7f3a9", 17, CancellationToken.None);

    [GlobalCleanup]
    public void Dispose()
    {
        _transport?.Dispose();
        _responder?.Dispose();
        _metrics?.Dispose();
        GC.SuppressFinalize(this);
    }
}
