using MangaAssist.LocalEdge;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.LocalEdge.Stack.Page;
using MangaAssist.LocalEdge.Stack.S3;
using Microsoft.Extensions.Configuration;

// One command for a person to chat with MangaAssist without an AWS account: the two AWS-edge
// emulators, a development token issuer and the service, each the same application that runs
// standalone, wired on loopback, opening the gateway only once the service is ready. Any other argument (e.g. --Streaming:FlushInterval=00:00:00.1) is passed to all four.
var options = new ConfigurationBuilder()
    .AddEnvironmentVariables("LOCALEDGE_")
    .AddCommandLine(args)
    .Build()
    .Get<LocalEdgeOptions>() ?? new LocalEdgeOptions();

// Large analysis results go to S3 as pre-signed URLs; locally to s3rver, unless an S3 bucket was named.
var (s3, s3Problem) = args.Any(a => a.StartsWith("--S3:Bucket", StringComparison.Ordinal))
    ? (null, "configured by the command line")
    : await S3rverSidecar.TryStartAsync(new Uri(options.S3Url));
await using var s3Sidecar = s3;

await using var stack = await new LoopbackStackBuilder()
    .UseUrls(new Uri(options.BedrockUrl), new Uri(options.ServiceUrl), new Uri(options.GatewayUrl))
    .UseIssuerUrl(new Uri(options.IssuerUrl))
    .UseStage(options.Stage)
    .AllowPageOrigin(new Uri(options.PageUrl))
    .ForAll(LocalEdgeLogging.Defaults)
    .ForService(s3?.ServiceArgs ?? [])
    .ForAll(args)
    .StartAsync();

var websocketUrl = options.GatewayUrl.Replace("http", "ws", StringComparison.Ordinal);
var issuerUrl = options.IssuerUrl.TrimEnd('/');
await using var page = ChatPageSite.Create(
    new Uri(options.PageUrl),
    new ChatPageSettings(new Uri($"{websocketUrl.TrimEnd('/')}/{options.Stage}"), new Uri($"{issuerUrl}/tokens"), ChatPageSettings.StoreLinkHosts));
await page.StartAsync();
Console.WriteLine($$"""

    MangaAssist is running on loopback.
      chat page:    {{options.PageUrl.TrimEnd('/')}}/  (open it in a browser)
      token:        TOKEN=$(curl -s -X POST {{issuerUrl}}/tokens -H 'Content-Type: application/json' -d '{"sub":"alice"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
                    (or -d '{"guest":true}' for a guest)
      chat:         npx wscat -c "{{websocketUrl}}/{{options.Stage}}?token=$TOKEN"
                    then send {"action":"sendMessage","requestId":"c-1","sessionId":"s-1","message":"おすすめの少年漫画は？"}
      issuer:       {{issuerUrl}}  (POST /tokens; JWKS /.well-known/jwks.json; discovery /.well-known/openid-configuration)
      service:      {{options.ServiceUrl}}  (integration endpoints /routes/*, health /health/ready)
      API Gateway:  {{options.GatewayUrl}}  (WebSocket; @connections at /{{options.Stage}}/@connections/{id} over HTTP/1.1 and cleartext HTTP/2; stats /_emulator/stats)
                    AWS SDK: ApiGatewayManagementApiClient endpoint {{options.GatewayUrl}}/{{options.Stage}}
      Bedrock:      {{options.BedrockUrl}}  (HTTP/1.1 and cleartext HTTP/2 with prior knowledge on this one port;
                    faults: POST /_emulator/faults; stats /_emulator/stats)
                    AWS SDK: BedrockRuntimeClient endpoint {{options.BedrockUrl}}; our service: --Bedrock:Endpoint={{options.BedrockUrl}}
      analyses:     POST {{options.ServiceUrl.TrimEnd('/')}}/v1/analyses with Authorization: Bearer $TOKEN (docs/analyses.md)
      S3 (s3rver):  {{(s3 is null ? "not started: " + s3Problem + "; large results stay inline" : s3.Url + " bucket " + S3rverSidecar.Bucket)}}
    Press Ctrl+C to stop.

    """);

// The first app to start stopping stops them all: gateway first, then the service drains, then the model.
await stack.WaitForShutdownAsync();
await stack.StopAsync();
