using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using MangaAssist.Aws.Bedrock.Models;
using MangaAssist.Aws.Extensions;
using MangaAssist.Emulators.Bedrock;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Generation;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>The Bedrock emulator on a loopback port (no pacing) and the real Bedrock client pointed at it; generators built on them use real time.</summary>
public sealed class EmulatedBedrock : IAsyncLifetime
{
    private WebApplication? _emulator;
    private ServiceProvider? _services;

    public IChatClient Chat => _services!.GetRequiredService<IChatClient>();

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulator = BedrockEmulatorApp.Create(["--urls", "http://127.0.0.1:0", "--BedrockEmulator:TimeToFirstTokenMs=0",
            "--BedrockEmulator:TokensPerSecond=0", "--BedrockEmulator:MaxStallMs=5000", "--Logging:LogLevel:Default=Warning"]);
        await _emulator.StartAsync();
        Endpoint = new Uri(_emulator.Urls.Single());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Credentials:Mode"] = "Static",
            ["Credentials:AccessKeyId"] = "AKIDLOCAL",
            ["Credentials:SecretAccessKey"] = "local-secret",
            ["Bedrock:Endpoint"] = Endpoint.ToString(),
        }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddAwsCredentials(configuration.GetSection("Credentials"))
            .AddBedrockRuntime(configuration.GetSection("Bedrock"))
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public ResilientAnswerGenerator CreateGenerator(BedrockModelsOptions? models = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ResilienceOptions
        {
            MaxAttempts = 4,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.FromMilliseconds(10),
        });
        var telemetry = new ResilienceTelemetry(_services!.GetRequiredService<IMeterFactory>());
        return new ResilientAnswerGenerator(
            Chat,
            new RetryBudget(ratio: 1, minimumPerSecond: 10, TimeSpan.FromSeconds(10), TimeProvider.System),
            new ModelCircuitBreakers(options, TimeProvider.System, telemetry, NullLogger<ModelCircuitBreakers>.Instance),
            options,
            TimeProvider.System,
            new Randomizer(() => 0.5),
            telemetry,
            NullLogger<ResilientAnswerGenerator>.Instance,
            ModelTable.Strategies(models),
            ModelTable.Pricing(models),
            ModelTable.Shaper(models));
    }

    public async Task<IReadOnlyList<Transcript>> TranscriptsAsync(string contains)
    {
        using var control = new HttpClient { BaseAddress = Endpoint };
        return (await control.GetFromJsonAsync<TranscriptList>($"/_emulator/transcripts?contains={Uri.EscapeDataString(contains)}"))!.Transcripts;
    }
}
