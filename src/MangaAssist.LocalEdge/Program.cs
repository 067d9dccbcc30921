using MangaAssist.Emulators.ApiGateway;
using MangaAssist.Emulators.Bedrock;
using MangaAssist.LocalEdge;
using MangaAssist.Orchestrator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// One command for a person to chat with MangaAssist without an AWS account: the two AWS-edge
// emulators and the service, each the same application that runs standalone, wired on loopback.
// Any other argument (e.g. --Streaming:FlushInterval=00:00:00.1) is passed to all three.
var options = new ConfigurationBuilder()
    .AddEnvironmentVariables("LOCALEDGE_")
    .AddCommandLine(args)
    .Build()
    .Get<LocalEdgeOptions>() ?? new LocalEdgeOptions();

string[] With(params string[] settings) => [.. args, .. settings];

var bedrock = BedrockEmulatorApp.Create(With($"--urls={options.BedrockUrl}"));
var service = OrchestratorApp.Create(With(
    $"--urls={options.ServiceUrl}",
    $"--Bedrock:Endpoint={options.BedrockUrl}",
    $"--ApiGatewayManagement:Endpoint={options.GatewayUrl.TrimEnd('/')}/{options.Stage}",
    "--Aws:Credentials:Mode=Static",
    "--Aws:Credentials:AccessKeyId=AKIDLOCALEDGE",
    "--Aws:Credentials:SecretAccessKey=local-edge-secret"));
var gateway = ApiGatewayEmulatorApp.Create(With(
    $"--urls={options.GatewayUrl}",
    $"--ApiGatewayEmulator:Stage={options.Stage}",
    $"--ApiGatewayEmulator:IntegrationBaseUrl={options.ServiceUrl}"));

await bedrock.StartAsync();
await service.StartAsync();
await gateway.StartAsync();

var websocketUrl = options.GatewayUrl.Replace("http", "ws", StringComparison.Ordinal);
Console.WriteLine($$"""

    MangaAssist is running on loopback.
      chat:         npx wscat -c {{websocketUrl}}
                    then send {"action":"sendMessage","requestId":"c-1","sessionId":"s-1","message":"おすすめの少年漫画は？"}
      service:      {{options.ServiceUrl}}  (integration endpoints /routes/*, health /health/ready)
      API Gateway:  {{options.GatewayUrl}}  (WebSocket; @connections at /{{options.Stage}}/@connections/{id}; stats /_emulator/stats)
      Bedrock:      {{options.BedrockUrl}}  (faults: POST /_emulator/faults; stats /_emulator/stats)
    Press Ctrl+C to stop.

    """);

// Each host listens for Ctrl+C and SIGTERM itself; the first to start stopping stops them all.
await Task.WhenAny(bedrock.WaitForShutdownAsync(), service.WaitForShutdownAsync(), gateway.WaitForShutdownAsync());

// Gateway first, so no new work arrives; then the service drains; then the model.
await gateway.StopAsync();
await service.StopAsync();
await bedrock.StopAsync();
