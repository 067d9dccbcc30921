using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.Jobs;

/// <summary>A finished job's citations as one JSON field of its record (Japanese titles unescaped).</summary>
internal static class JobCitationsCodec
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JobCitationsContext.Default,
    };

    /// <summary>Null when there is nothing to store.</summary>
    public static string? Encode(IReadOnlyList<AnswerCitation> citations) =>
        citations.Count == 0 ? null : JsonSerializer.Serialize(citations.ToArray(), Options);

    public static IReadOnlyList<AnswerCitation> Decode(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<AnswerCitation[]>(json, Options) ?? [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnswerCitation[]))]
internal sealed partial class JobCitationsContext : JsonSerializerContext;
