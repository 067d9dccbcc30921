namespace MangaAssist.Emulators.Bedrock.Models;

/// <summary>The Bedrock Runtime operations the emulator serves; the names are the stats keys.</summary>
public enum BedrockOperation
{
    ConverseStream,
    Converse,
    InvokeModel,
}
