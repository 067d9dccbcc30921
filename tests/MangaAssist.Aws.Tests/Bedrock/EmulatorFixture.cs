using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Tests.Infrastructure;
using MangaAssist.Emulators.Bedrock;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MangaAssist.Aws.Tests.Bedrock;

/// <summary>The project's own Bedrock emulator on a loopback port, unpaced, with a short stall, for client tests against real faults.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = BedrockEmulatorApp.Create(
        [
            "--urls", "http://127.0.0.1:0",
            "--BedrockEmulator:TimeToFirstTokenMs=0",
            "--BedrockEmulator:TokensPerSecond=0",
            "--BedrockEmulator:MaxStallMs=300",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    /// <summary>A fresh client (and connection pool) per test, so one test's broken connection never reaches another.</summary>
    internal BedrockChatClient Client(string modelId) =>
        new(Clients.Transport(BaseAddress, "bedrock"), modelId, NullLogger<BedrockChatClient>.Instance);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
