using System.Text.Json;
using System.Text.Json.Serialization;
using MangaAssist.Emulators.Bedrock.Converse;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Embeddings;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Models;

namespace MangaAssist.Emulators.Bedrock;

/// <summary>Source-generated JSON for every body the emulator reads or writes as an object; use it through <see cref="BedrockJson.Context"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConverseRequestBody))]
[JsonSerializable(typeof(TitanEmbeddingRequestBody))]
[JsonSerializable(typeof(FaultRule))]
[JsonSerializable(typeof(FaultRuleList))]
[JsonSerializable(typeof(StatsSnapshot))]
[JsonSerializable(typeof(TranscriptList))]
[JsonSerializable(typeof(EmulatorMessage))]
[JsonSerializable(typeof(ServedModelList))]
[JsonSerializable(typeof(Dictionary<string, ModelTraits>))]
internal sealed partial class BedrockJsonContext : JsonSerializerContext;
