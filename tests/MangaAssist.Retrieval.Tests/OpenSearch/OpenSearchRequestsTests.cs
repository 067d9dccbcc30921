using System.Text;
using System.Text.Json.Nodes;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.OpenSearch;
using MangaAssist.Retrieval.Tests.Support;

namespace MangaAssist.Retrieval.Tests.OpenSearch;

/// <summary>
/// Request bodies against golden files written from the OpenSearch documentation (index with knn_vector HNSW and
/// kuromoji analyzers, normalization-processor pipeline, hybrid query, k-NN efficient filter, _bulk NDJSON).
/// </summary>
public class OpenSearchRequestsTests
{
    internal static readonly OpenSearchRetrievalOptions Managed = new() { Endpoint = new Uri("https://search-manga.us-east-1.es.amazonaws.com") };
    internal static readonly OpenSearchRetrievalOptions Serverless = new() { Endpoint = new Uri("https://abc123.us-east-1.aoss.amazonaws.com") };
    private static readonly float[] Vector = [0.25f, -0.5f, 0.75f, 0f];
    private static readonly RetrievalFilters Filters = new() { Genres = ["Romance"], Demographics = [Demographic.Shojo, Demographic.Josei], Availability = [Availability.InStock] };

    [Fact]
    public void IndexDefinition_Managed_MatchesGolden() => ShouldMatchGolden(OpenSearchIndexDefinition.Build(Managed, 1024), "request-index-es.json");

    [Fact]
    public void IndexDefinition_Serverless_LeavesShardSettingsOut() => ShouldMatchGolden(OpenSearchIndexDefinition.Build(Serverless, 1024), "request-index-aoss.json");

    [Fact]
    public void SearchPipeline_MatchesGolden() => ShouldMatchGolden(OpenSearchSearchPipeline.Build(Managed), "request-pipeline.json");

    [Fact]
    public void Search_Hybrid_MatchesGolden() => ShouldMatchGolden(OpenSearchSearchQuery.Build("紅の刃 crimson", Vector, 5, null, Managed), "request-search-hybrid.json");

    [Fact]
    public void Search_HybridWithFilters_FiltersBothSubQueries() => ShouldMatchGolden(OpenSearchSearchQuery.Build("fake engagement", Vector, 5, Filters, Managed), "request-search-hybrid-filtered.json");

    [Fact]
    public void Search_Nmslib_WrapsTheKnnClauseInABoolFilter() =>
        ShouldMatchGolden(OpenSearchSearchQuery.Build("fake engagement", Vector, 5, Filters, new OpenSearchRetrievalOptions { Endpoint = Managed.Endpoint, Engine = "nmslib" }), "request-search-hybrid-filtered-nmslib.json");

    [Fact]
    public void Search_WithoutVector_IsAPlainLexicalQuery() => ShouldMatchGolden(OpenSearchSearchQuery.Build("fake engagement", default, 5, null, Managed), "request-search-lexical.json");

    [Fact]
    public void Search_NeverAsksForTheEmbeddingInSource()
    {
        var body = JsonNode.Parse(OpenSearchSearchQuery.Build("x", Vector, 5, Filters, Serverless))!;

        body["_source"]!["excludes"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["embedding"]);
    }

    [Fact]
    public void Bulk_Managed_UsesProductIdsAsDocumentIds() => ShouldMatchGoldenLines(Bulk(Managed), "request-bulk-es.ndjson");

    [Fact]
    public void Bulk_Serverless_SendsNoCustomIds() => ShouldMatchGoldenLines(Bulk(Serverless), "request-bulk-aoss.ndjson");

    [Fact]
    public void Bulk_EveryLineIsJsonAndTheBodyEndsWithANewline()
    {
        var text = Encoding.UTF8.GetString(Bulk(Managed));

        text.ShouldEndWith("\n");
        text.TrimEnd('\n').Split('\n').Length.ShouldBe(4);
    }

    [Fact]
    public void Options_ServiceIsDetectedFromTheHost()
    {
        Managed.ResolveService().ShouldBe("es");
        Serverless.ResolveService().ShouldBe("aoss");
        new OpenSearchRetrievalOptions { Endpoint = Managed.Endpoint, Service = "aoss" }.ResolveService().ShouldBe("aoss");
    }

    private static byte[] Bulk(OpenSearchRetrievalOptions options) => OpenSearchBulkBody.Build(TestCatalog.Small().Take(2).ToList(), [0.5f, -0.5f, 1f, 0f], 2, options);

    internal static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "OpenSearch", name));

    private static void ShouldMatchGolden(byte[] actual, string golden)
    {
        var expected = JsonNode.Parse(Golden(golden));
        var produced = JsonNode.Parse(actual);
        JsonNode.DeepEquals(expected, produced).ShouldBeTrue($"{golden} differs:\n{produced!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })}");
    }

    private static void ShouldMatchGoldenLines(byte[] actual, string golden)
    {
        var expected = Golden(golden).TrimEnd('\n').Split('\n');
        var produced = Encoding.UTF8.GetString(actual).TrimEnd('\n').Split('\n');
        produced.Length.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            JsonNode.DeepEquals(JsonNode.Parse(expected[i]), JsonNode.Parse(produced[i])).ShouldBeTrue($"line {i + 1}: {produced[i]}");
        }
    }
}
