namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>A plain <c>{"message": …}</c> answer of the <c>/_emulator</c> endpoints.</summary>
public sealed record EmulatorMessage(string Message);
