using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Http;
using MangaAssist.Aws.Signing;
using MangaAssist.ServiceDefaults.Configuration;
using MangaAssist.ServiceDefaults.Http;
using MangaAssist.ServiceDefaults.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MangaAssist.Aws.Extensions;

/// <summary>Registers the AWS clients of MangaAssist as singletons, each with one pooled HTTP client per upstream.</summary>
public static class AwsServiceCollectionExtensions
{
    private const string BedrockTransportKey = "MangaAssist.Aws.Bedrock";
    private const string ApiGatewayTransportKey = "MangaAssist.Aws.ApiGatewayManagement";

    /// <summary>Where the credentials are named in messages when no section was given (the default chain).</summary>
    private const string DefaultCredentialsSection = "Aws:Credentials";

    /// <summary>
    /// Binds <see cref="AwsCredentialsOptions"/> (keys <c>Mode</c>, <c>AccessKeyId</c>, <c>SecretAccessKey</c>,
    /// <c>SessionToken</c>) from <paramref name="section"/>. Without this call the clients use the default chain.
    /// </summary>
    public static IServiceCollection AddAwsCredentials(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<AwsCredentialsOptions>().Bind(section);
        var path = (section as IConfigurationSection)?.Path;
        services.AddOptionsValidation<AwsCredentialsOptions>(string.IsNullOrEmpty(path) ? DefaultCredentialsSection : path, AwsCredentialsOptionsChecks.Check);
        return AddCredentialsCore(services);
    }

    /// <summary>
    /// Registers <see cref="IChatClient"/> (Bedrock Converse / ConverseStream) and
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (Titan Text Embeddings V2), configured from
    /// <paramref name="section"/> as <see cref="BedrockRuntimeOptions"/> and validated at start-up.
    /// </summary>
    public static IServiceCollection AddBedrockRuntime(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddCredentialsCore(services);
        services.AddValidatedOptions<BedrockRuntimeOptions>(section, BedrockRuntimeOptionsChecks.Check);

        services.TryAddKeyedSingleton(BedrockTransportKey, static (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<BedrockRuntimeOptions>>().Value;
            return CreateTransport(
                provider,
                options.ResolveEndpoint(),
                new SigV4SignerSettings("bedrock", options.Region),
                options,
                drainAbandoned: false);
        });
        services.TryAddSingleton<IChatClient>(static provider =>
        {
            IChatClient client = new BedrockChatClient(
                provider.GetRequiredKeyedService<SignedHttpTransport>(BedrockTransportKey),
                provider.GetRequiredService<IOptions<BedrockRuntimeOptions>>().Value.DefaultModelId,
                LoggerFor<BedrockChatClient>(provider));

            // The GenAI wrapper sits on every streamed chunk; without an exporter nobody reads what it records.
            return provider.GetService<TelemetryExport>() is null
                ? client
                : BedrockChatTelemetry.Instrument(client, provider.GetService<ILoggerFactory>());
        });
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<BedrockRuntimeOptions>>().Value;
            return new TitanEmbeddingGenerator(
                provider.GetRequiredKeyedService<SignedHttpTransport>(BedrockTransportKey),
                options.EmbeddingModelId,
                options.EmbeddingDimensions,
                LoggerFor<TitanEmbeddingGenerator>(provider));
        });
        return services;
    }

    /// <summary>
    /// Registers <see cref="IApiGatewayManagementClient"/>, configured from <paramref name="section"/> as
    /// <see cref="ApiGatewayManagementOptions"/> and validated at start-up.
    /// </summary>
    public static IServiceCollection AddApiGatewayManagement(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        AddCredentialsCore(services);
        services.AddValidatedOptions<ApiGatewayManagementOptions>(section, ApiGatewayManagementOptionsChecks.Check);

        services.TryAddKeyedSingleton(ApiGatewayTransportKey, static (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<ApiGatewayManagementOptions>>().Value;
            return CreateTransport(
                provider,
                options.Endpoint!,
                new SigV4SignerSettings("execute-api", options.Region),
                options);
        });
        services.TryAddSingleton<IApiGatewayManagementClient>(static provider => new ApiGatewayManagementClient(
            provider.GetRequiredKeyedService<SignedHttpTransport>(ApiGatewayTransportKey),
            provider.GetRequiredService<IOptions<ApiGatewayManagementOptions>>().Value.RequestTimeout,
            LoggerFor<ApiGatewayManagementClient>(provider)));
        return services;
    }

    private static IServiceCollection AddCredentialsCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // A no-op when AddAwsCredentials already registered the validation under its own section.
        services.AddOptionsValidation<AwsCredentialsOptions>(DefaultCredentialsSection, AwsCredentialsOptionsChecks.Check);
        services.TryAddSingleton<IAwsCredentialsSource>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<AwsCredentialsOptions>>().Value;
            return options.Mode == AwsCredentialsMode.Static
                ? new StaticCredentialsSource(new AwsCredentials(options.AccessKeyId!, options.SecretAccessKey!, string.IsNullOrEmpty(options.SessionToken) ? null : options.SessionToken))
                : new RefreshingCredentialsSource(new SdkDefaultChainResolver(), provider.GetRequiredService<TimeProvider>(), LoggerFor<RefreshingCredentialsSource>(provider));
        });
        return services;
    }

    private static SignedHttpTransport CreateTransport(IServiceProvider provider, Uri endpoint, SigV4SignerSettings signing, UpstreamHttpOptions http, bool drainAbandoned = true) =>
        new(
            UpstreamHttpClientFactory.CreateInvoker(http, drainAbandoned),
            new AwsEndpoint(endpoint),
            new SigV4Signer(signing),
            provider.GetRequiredService<IAwsCredentialsSource>(),
            provider.GetRequiredService<TimeProvider>(),
            http.RequestVersionFor(endpoint));

    private static ILogger<T> LoggerFor<T>(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
