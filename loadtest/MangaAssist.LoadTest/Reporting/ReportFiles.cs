using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>Writes <c>&lt;timestamp&gt;-&lt;profile&gt;.json</c> and <c>.md</c> into the results directory.</summary>
internal static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static (string Json, string Markdown) Write(LoadReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{report.StartedAt:yyyyMMdd-HHmmss}-{report.Profile}");
        File.WriteAllText(stem + ".json", ToJson(report));
        File.WriteAllText(stem + ".md", MarkdownReport.Render(report));
        return (stem + ".json", stem + ".md");
    }

    public static string ToJson(LoadReport report) => JsonSerializer.Serialize(report, Json);

    public static (string Json, string Markdown) Write(Peers.ComparisonReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{report.StartedAt:yyyyMMdd-HHmmss}-{report.Profile}");
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(report, Json));
        File.WriteAllText(stem + ".md", Peers.ComparisonMarkdown.Render(report));
        return (stem + ".json", stem + ".md");
    }
}
