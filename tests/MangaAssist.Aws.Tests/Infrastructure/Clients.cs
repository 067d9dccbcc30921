using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.ServiceDefaults.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Aws.Tests.Infrastructure;

/// <summary>Builds the clients under test against a loopback server, the way the DI registration does.</summary>
internal static class Clients
{
    public static readonly AwsCredentials TestCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token");

    public static SignedHttpTransport Transport(Uri endpoint, string service, int maxConnections = 16, UpstreamRequestVersion? version = null) =>
        new(
            UpstreamHttpClientFactory.Create(new ApiGatewayManagementOptions { MaxConnections = maxConnections }),
            new AwsEndpoint(endpoint),
            new SigV4Signer(new SigV4SignerSettings(service, "us-east-1")),
            new StaticCredentialsSource(TestCredentials),
            TimeProvider.System,
            version);

    public static BedrockChatClient Bedrock(LoopbackServer server, string defaultModel = "anthropic.claude-test-v1:0") =>
        new(Transport(server.BaseAddress, "bedrock"), defaultModel, NullLogger<BedrockChatClient>.Instance);

    public static TitanEmbeddingGenerator Titan(LoopbackServer server) =>
        new(Transport(server.BaseAddress, "bedrock"), "amazon.titan-embed-text-v2:0", 1024, NullLogger<TitanEmbeddingGenerator>.Instance);

    public static ApiGatewayManagementClient ApiGateway(Uri endpoint, int maxConnections = 16, TimeSpan? requestTimeout = null, UpstreamRequestVersion? version = null) =>
        new(Transport(endpoint, "execute-api", maxConnections, version), requestTimeout ?? TimeSpan.FromSeconds(5), NullLogger<ApiGatewayManagementClient>.Instance);
}
