using MangaAssist.Aws.Extensions;
using MangaAssist.Emulators.Bedrock;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary>
/// The Titan embedding client of MangaAssist.Aws, pointed at <c>--bedrock-endpoint</c> (credentials from the default
/// chain or <c>Aws__Credentials__*</c>), or at the Bedrock emulator started in this process on a free loopback port.
/// </summary>
internal sealed class EmbeddingBackend : IAsyncDisposable
{
    private readonly WebApplication? _emulator;
    private readonly ServiceProvider _services;

    private EmbeddingBackend(WebApplication? emulator, ServiceProvider services, Uri endpoint)
    {
        _emulator = emulator;
        _services = services;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public bool IsEmulator => _emulator is not null;

    public IEmbeddingGenerator<string, Embedding<float>> Generator => _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    public IServiceProvider Services => _services;

    public static async Task<EmbeddingBackend> StartAsync(Uri? bedrockEndpoint, IDictionary<string, string?>? extra = null)
    {
        WebApplication? emulator = null;
        var settings = new Dictionary<string, string?>();
        if (bedrockEndpoint is null)
        {
            emulator = BedrockEmulatorApp.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
            await emulator.StartAsync();
            bedrockEndpoint = new Uri(emulator.Urls.First());
            settings["Aws:Credentials:Mode"] = "Static";
            settings["Aws:Credentials:AccessKeyId"] = "local-emulator";
            settings["Aws:Credentials:SecretAccessKey"] = "local-emulator";
        }

        settings["Bedrock:Endpoint"] = bedrockEndpoint.ToString();
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAwsCredentials(configuration.GetSection("Aws:Credentials"));
        services.AddBedrockRuntime(configuration.GetSection("Bedrock"));
        return new EmbeddingBackend(emulator, services.BuildServiceProvider(), bedrockEndpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.StopAsync();
            await _emulator.DisposeAsync();
        }
    }
}
