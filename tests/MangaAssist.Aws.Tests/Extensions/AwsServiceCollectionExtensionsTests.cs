using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Extensions;
using MangaAssist.Aws.Tests.Bedrock;
using MangaAssist.Aws.Tests.Infrastructure;
using MangaAssist.ServiceDefaults.Http;
using MangaAssist.ServiceDefaults.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Extensions;

public sealed class AwsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task TheRegisteredClientsAreSingletonsThatTalkToTheConfiguredEndpoints()
    {
        await using var bedrock = await LoopbackServer.StartAsync(context => BedrockWire.WriteStreamAsync(context, BedrockWire.Answer("hi")));
        await using var gateway = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var configuration = Configuration(new()
        {
            ["Aws:Credentials:Mode"] = "Static",
            ["Aws:Credentials:AccessKeyId"] = "AKIDLOCAL",
            ["Aws:Credentials:SecretAccessKey"] = "local-secret",
            ["Aws:Bedrock:Endpoint"] = bedrock.BaseAddress.ToString(),
            ["Aws:Bedrock:DefaultModelId"] = "anthropic.claude-local",
            ["Aws:ApiGateway:Endpoint"] = new Uri(gateway.BaseAddress, "/local").ToString(),
        });
        var services = new ServiceCollection()
            .AddLogging()
            .AddAwsCredentials(configuration.GetSection("Aws:Credentials"))
            .AddBedrockRuntime(configuration.GetSection("Aws:Bedrock"))
            .AddApiGatewayManagement(configuration.GetSection("Aws:ApiGateway"));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var chat = provider.GetRequiredService<IChatClient>();
        var updates = await BedrockChatClientStreamingTests.ToListAsync(chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")]));
        var posted = await provider.GetRequiredService<IApiGatewayManagementClient>().PostToConnectionAsync("abc=", "frame"u8.ToArray());

        provider.GetRequiredService<IChatClient>().ShouldBeSameAs(chat);
        provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().ShouldNotBeNull();
        chat.GetService<ChatClientMetadata>()!.DefaultModelId.ShouldBe("anthropic.claude-local");
        updates.First().Text.ShouldBe("hi");
        updates.First().ModelId.ShouldBe("anthropic.claude-local");
        posted.IsDelivered.ShouldBeTrue();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheChatClientCarriesTheGenAiWrapperOnlyWhenTelemetryIsExported(bool exported)
    {
        var configuration = Configuration(new()
        {
            ["Credentials:Mode"] = "Static",
            ["Credentials:AccessKeyId"] = "AKIDLOCAL",
            ["Credentials:SecretAccessKey"] = "local-secret",
            ["Bedrock:Endpoint"] = "http://127.0.0.1:9",
        });
        var services = new ServiceCollection()
            .AddLogging()
            .AddAwsCredentials(configuration.GetSection("Credentials"))
            .AddBedrockRuntime(configuration.GetSection("Bedrock"));
        if (exported)
        {
            services.AddSingleton<TelemetryExport>();
        }

        using var provider = services.BuildServiceProvider();
        var chat = provider.GetRequiredService<IChatClient>();

        (chat is BedrockChatClient).ShouldBe(!exported);
        (chat.GetService<OpenTelemetryChatClient>() is not null).ShouldBe(exported);
    }

    [Fact]
    public void OptionsDefaultsAreTheDocumentedOnes()
    {
        var bedrock = new BedrockRuntimeOptions();
        var gateway = new ApiGatewayManagementOptions();
        var credentials = new AwsCredentialsOptions();

        bedrock.Region.ShouldBe("us-east-1");
        bedrock.Endpoint.ShouldBeNull();
        bedrock.MaxConnections.ShouldBe(1280);
        bedrock.PooledConnectionLifetime.ShouldBe(TimeSpan.FromMinutes(5));
        bedrock.ConnectTimeout.ShouldBe(TimeSpan.FromSeconds(3));
        bedrock.EmbeddingModelId.ShouldBe("amazon.titan-embed-text-v2:0");
        bedrock.EmbeddingDimensions.ShouldBe(1024);
        bedrock.HttpVersion.ShouldBe(UpstreamHttpVersion.Auto);
        gateway.HttpVersion.ShouldBe(UpstreamHttpVersion.Http11);
        gateway.MaxConnections.ShouldBe(1280);
        gateway.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(5));
        gateway.PooledConnectionLifetime.ShouldBe(TimeSpan.FromMinutes(5));
        credentials.Mode.ShouldBe(AwsCredentialsMode.DefaultChain);
    }

    [Fact]
    public void StartupValidationReportsEveryProblemAtOnce()
    {
        var configuration = Configuration(new()
        {
            ["Credentials:Mode"] = "Static",
            ["Bedrock:Region"] = "",
            ["Bedrock:Endpoint"] = "ftp://example.com",
            ["Bedrock:MaxConnections"] = "0",
            ["Bedrock:EmbeddingDimensions"] = "300",
            ["Gateway:MaxConnections"] = "-5",
            ["Gateway:RequestTimeout"] = "00:00:00",
        });
        var services = new ServiceCollection()
            .AddLogging()
            .AddAwsCredentials(configuration.GetSection("Credentials"))
            .AddBedrockRuntime(configuration.GetSection("Bedrock"))
            .AddApiGatewayManagement(configuration.GetSection("Gateway"));
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var failures = error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        failures.ShouldContain(f => f.StartsWith("Credentials:AccessKeyId", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Credentials:SecretAccessKey", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Bedrock:Region", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Bedrock:Endpoint", StringComparison.Ordinal) && f.Contains("ftp://example.com", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Bedrock:MaxConnections", StringComparison.Ordinal) && f.EndsWith("(was 0).", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Bedrock:EmbeddingDimensions", StringComparison.Ordinal) && f.Contains("256, 512 or 1024", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Gateway:Endpoint", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Gateway:MaxConnections", StringComparison.Ordinal));
        failures.ShouldContain(f => f.StartsWith("Gateway:RequestTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutACredentialsSectionTheDefaultChainIsUsed()
    {
        var configuration = Configuration(new() { ["Gateway:Endpoint"] = "http://127.0.0.1:8080/local" });
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddApiGatewayManagement(configuration.GetSection("Gateway"))
            .BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<IAwsCredentialsSource>().ShouldBeOfType<RefreshingCredentialsSource>();
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
