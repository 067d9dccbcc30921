namespace MangaAssist.Emulators.Bedrock.Tests.Support;

/// <summary>One emulator shared by the tests of a class; tests that read global counters start their own.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? _emulator;

    internal RunningEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public async Task InitializeAsync() => _emulator = await RunningEmulator.StartAsync("MaxStallMs=300");

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
