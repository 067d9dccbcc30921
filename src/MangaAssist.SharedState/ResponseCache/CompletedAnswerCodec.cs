using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaAssist.SharedState.ResponseCache;

/// <summary>
/// Compact UTF-8 JSON with one-letter names and Japanese text unescaped (3 bytes a character, not 6):
/// <c>{"v":1,"t":"…","m":"…","s":"end_turn","i":812,"o":240,"c":[{"i":"…","t":"…","u":"…"}]}</c>.
/// </summary>
internal static class CompletedAnswerCodec
{
    private const int Version = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = StoredAnswerContext.Default,
    };

    public static byte[] Encode(CompletedAnswer answer, bool withText = true) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new StoredAnswer(
                Version,
                withText ? answer.Text : null,
                answer.Model,
                answer.StopReason,
                answer.Usage.InputTokens,
                answer.Usage.OutputTokens,
                answer.Citations.Count == 0 ? null : answer.Citations.Select(c => new StoredCitation(c.Id, c.Title, c.Url, c.JapaneseTitle, c.PriceJpy)).ToArray()),
            Options);

    /// <summary>Returns null for a value of another version; throws <see cref="JsonException"/> for a corrupt one.</summary>
    public static CompletedAnswer? Decode(ReadOnlySpan<byte> utf8, string? text = null)
    {
        var stored = JsonSerializer.Deserialize<StoredAnswer>(utf8, Options);
        if (stored is null || stored.V != Version || stored.M is null || stored.S is null)
        {
            return null;
        }

        return new CompletedAnswer(
            text ?? stored.T ?? string.Empty,
            stored.M,
            stored.S,
            new AnswerUsage(stored.I, stored.O),
            stored.C?.Select(c => new AnswerCitation(c.I, c.T, c.U, c.J, c.P)).ToArray());
    }

    internal sealed record StoredAnswer(
        int V,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? T,
        string? M,
        string? S,
        int I,
        int O,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StoredCitation[]? C);

    // J (Japanese title) and P (price) are absent in values written before they existed, and read as null.
    internal sealed record StoredCitation(
        string I,
        string T,
        string U,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? J = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? P = null);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CompletedAnswerCodec.StoredAnswer))]
internal sealed partial class StoredAnswerContext : JsonSerializerContext;
