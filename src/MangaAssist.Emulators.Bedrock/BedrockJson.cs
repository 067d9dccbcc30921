using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaAssist.Emulators.Bedrock;

/// <summary>
/// JSON settings shared by every body: camelCase, and UTF-8 text written as is (Bedrock sends Japanese and
/// quotes unescaped, and transcripts stay readable).
/// </summary>
internal static class BedrockJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly BedrockJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
