using System.Buffers.Text;
using System.Security.Cryptography;
using MangaAssist.AppHost;
using Microsoft.Extensions.DependencyInjection;

// The whole local topology in one command, with one dashboard for every process's traces, metrics and logs:
// redis-server, the Bedrock and API Gateway emulators, the token issuer, two service replicas behind the gateway and
// the chat page. No Docker: redis-server runs as an executable and the rest are this repository's projects. Nothing
// sends traffic before what it calls is healthy (WaitFor + health checks), as a load balancer's probes would ensure.
var builder = DistributedApplication.CreateBuilder(args);

// One random secret per run: the gateway sends it and every replica demands it, as in production.
var integrationSecret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
// Guests (the chat page's shoppers) are welcome; one guest key for both replicas, so either accepts a guest token.
using var guestKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var guestSigningKeyPem = guestKey.ExportPkcs8PrivateKeyPem();
// One catalog-search cursor key for both replicas, so a page cursor from one works on the other.
var cursorKey = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

var redis = builder.AddExecutable("redis", "redis-server", builder.AppHostDirectory, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
    .WithEndpoint(name: "tcp", scheme: "tcp");
var redisEndpoint = redis.GetEndpoint("tcp");
builder.Services.AddHealthChecks().AddCheck("redis-ping", new RedisPing(redisEndpoint));
redis.WithHealthCheck("redis-ping");
redis.WithArgs(context =>
{
    context.Args.Add("--port");
    context.Args.Add(redisEndpoint.Property(EndpointProperty.TargetPort));
});

var bedrock = builder.AddProject<Projects.MangaAssist_Emulators_Bedrock>("bedrock-emulator")
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/_emulator/models");

// The development token issuer: shoppers get their tokens here, and every replica trusts it as its OIDC authority.
// Its `iss` is the address callers use (Aspire's proxy), so the replicas' issuer check and discovery agree.
var issuer = builder.AddProject<Projects.MangaAssist_Emulators_TokenIssuer>("token-issuer")
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/.well-known/openid-configuration");
var issuerUrl = issuer.GetEndpoint("http");
issuer.WithEnvironment("TokenIssuer__Issuer", issuerUrl);

// The chat page, served as LocalEdge serves it: it fetches a guest token from the issuer (cross-origin, so both
// token endpoints allow its origin) and connects to the gateway emulator.
var page = builder.AddProject<Projects.MangaAssist_ChatPage>("chat-page")
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/config.json");
var pageOrigin = page.GetEndpoint("http");
issuer.WithEnvironment("TokenIssuer__AllowedOrigins__0", pageOrigin);

// Two service instances behind the gateway, which calls them in turn per request (as a load balancer in front of an
// HTTP integration does). Two named resources rather than Aspire replicas: Aspire's proxy balances per TCP
// connection, and the gateway keeps its integration connections alive, so one replica could get every call.
IResourceBuilder<ProjectResource> AddService(string name) =>
    builder.AddProject<Projects.MangaAssist_Orchestrator>(name)
        .WithHttpEndpoint(name: "http")
        .WithHttpHealthCheck("/health/ready")
        .WithEnvironment("Redis__Configuration", ReferenceExpression.Create($"{redisEndpoint.Property(EndpointProperty.Host)}:{redisEndpoint.Property(EndpointProperty.Port)}"))
        .WithEnvironment("Bedrock__Endpoint", bedrock.GetEndpoint("http"))
        // The emulator is plain http and speaks HTTP/2 with prior knowledge (Auto would pick HTTP/1.1 for http).
        .WithEnvironment("Bedrock__HttpVersion", "Http2")
        // The emulators need a signed request, not a real account.
        .WithEnvironment("Aws__Credentials__Mode", "Static")
        .WithEnvironment("Aws__Credentials__AccessKeyId", "AKIDAPPHOST")
        .WithEnvironment("Aws__Credentials__SecretAccessKey", "apphost-secret")
        .WithEnvironment("Gateway__IntegrationSecret", integrationSecret)
        .WithEnvironment("Identity__Authority", issuerUrl)
        .WithEnvironment("Identity__RequireHttpsMetadata", "false")
        .WithEnvironment("Identity__Guests__Enabled", "true")
        .WithEnvironment("Identity__Guests__SigningKeyPem", guestSigningKeyPem)
        .WithEnvironment("Identity__Guests__AllowedOrigins__0", pageOrigin)
        .WithEnvironment("CatalogSearch__CursorKey", cursorKey)
        .WaitFor(redis)
        .WaitFor(bedrock)
        .WaitFor(issuer);

IResourceBuilder<ProjectResource>[] services = [AddService("orchestrator-1"), AddService("orchestrator-2")];

var gateway = builder.AddProject<Projects.MangaAssist_Emulators_ApiGateway>("apigateway-emulator")
    .WithHttpEndpoint(name: "http")
    .WithHttpHealthCheck("/_emulator/stats")
    .WithEnvironment("ApiGatewayEmulator__IntegrationSecret", integrationSecret);
for (var i = 0; i < services.Length; i++)
{
    gateway.WithEnvironment($"ApiGatewayEmulator__IntegrationBaseUrls__{i}", services[i].GetEndpoint("http")).WaitFor(services[i]);
    services[i].WithEnvironment("ApiGatewayManagement__Endpoint", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/local"));
}

var gatewayEndpoint = gateway.GetEndpoint("http");
page.WithEnvironment("ChatPage__GatewayUrl", ReferenceExpression.Create($"ws://{gatewayEndpoint.Property(EndpointProperty.Host)}:{gatewayEndpoint.Property(EndpointProperty.Port)}/"))
    .WithEnvironment("ChatPage__TokenEndpoint", ReferenceExpression.Create($"{issuerUrl}/tokens"))
    .WaitFor(gateway)
    .WaitFor(issuer);

// Aspire turns GenAI message capture on for every project; prompts and answers stay out of telemetry here. It also
// samples every span (always_on), which would record the start-up catalog embedding the service deliberately runs
// under an unsampled parent (thousands of spans per replica); parent-based sampling, OpenTelemetry's default, keeps
// that decision.
foreach (var project in (IResourceBuilder<ProjectResource>[])[bedrock, issuer, gateway, page, .. services])
{
    project.WithEnvironment("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "false")
        .WithEnvironment("OTEL_TRACES_SAMPLER", "parentbased_always_on");
}

await builder.Build().RunAsync();
