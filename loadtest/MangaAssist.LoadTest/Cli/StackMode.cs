namespace MangaAssist.LoadTest.Cli;

/// <summary>How the tool runs the stack it measures.</summary>
internal enum StackMode
{
    /// <summary>Three processes (Bedrock emulator, service, gateway emulator), so the service's CPU and memory are its own.</summary>
    Split,

    /// <summary>One <c>MangaAssist.LocalEdge</c> process holding all three (CPU and memory then include both emulators).</summary>
    LocalEdge,

    /// <summary>A stack that is already running at <c>--target</c>: no CPU or memory figures.</summary>
    External,
}
