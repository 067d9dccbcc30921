namespace MangaAssist.Emulators.Bedrock.Models;

/// <summary>One entry of <c>GET /_emulator/models</c>.</summary>
public sealed record ServedModel(string ModelId, bool InferenceProfile, ModelTraits Capabilities);

/// <summary>The body of <c>GET /_emulator/models</c>.</summary>
public sealed record ServedModelList(IReadOnlyList<ServedModel> Models);
