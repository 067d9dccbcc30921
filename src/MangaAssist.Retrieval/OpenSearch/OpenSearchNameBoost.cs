using System.Text.Json;

namespace MangaAssist.Retrieval.OpenSearch;

/// <summary>
/// The lexical clause: <c>multi_match</c> over every field, plus a bonus when the question contains a whole title or
/// author name (<c>match</c> with <c>operator: and</c> on the name fields). The embedded index ranks a name named in
/// full above one that shares a word with the question; this is the nearest the query DSL comes to that.
/// </summary>
internal static class OpenSearchNameBoost
{
    private static readonly (string Field, double Boost)[] NameFields =
    [
        ("title", 3), ("title_ja", 3), ("title_reading", 3), ("author", 2.5), ("author_ja", 2.5), ("author_reading", 2.5),
    ];

    public static void Write(Utf8JsonWriter writer, string text, string[] fields)
    {
        writer.WriteStartObject("bool");
        writer.WriteStartArray("must");
        writer.WriteStartObject();
        writer.WriteStartObject("multi_match");
        writer.WriteString("query", text);
        OpenSearchJson.WriteStrings(writer, "fields", fields);
        writer.WriteString("type", "most_fields");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartArray("should");
        foreach (var (field, boost) in NameFields)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("match");
            writer.WriteStartObject(field);
            writer.WriteString("query", text);
            writer.WriteString("operator", "and");
            writer.WriteNumber("boost", boost);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
