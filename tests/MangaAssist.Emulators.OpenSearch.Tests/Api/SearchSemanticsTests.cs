using MangaAssist.Emulators.OpenSearch.Tests.Support;

namespace MangaAssist.Emulators.OpenSearch.Tests.Api;

/// <summary>The query DSL over HTTP: bool clauses, ranges, best/most fields, _source, pipelines and error bodies.</summary>
public class SearchSemanticsTests : IAsyncLifetime
{
    private const string Documents = """
        {"index":{"_index":"books","_id":"1"}}
        {"title":"Crimson Blade","synopsis":"a swordsman hunts monsters","genre":["action","fantasy"],"volumes":12,"year":1998}
        {"index":{"_index":"books","_id":"2"}}
        {"title":"Crimson Tide","synopsis":"a crimson sea and a blade of light","genre":["romance"],"volumes":4,"year":2015}
        {"index":{"_index":"books","_id":"3"}}
        {"title":"Silent Harbor","synopsis":"a detective in a quiet port","genre":["mystery"],"volumes":8,"year":2003}

        """;

    private RunningStandIn _standIn = null!;

    public async Task InitializeAsync()
    {
        _standIn = await RunningStandIn.StartAsync();
        (await _standIn.SendAsync(HttpMethod.Put, "/books", """{"mappings":{"properties":{"title":{"type":"text"},"synopsis":{"type":"text","analyzer":"english"},"genre":{"type":"keyword"},"volumes":{"type":"integer"},"year":{"type":"integer"}}}}""")).Status.ShouldBe(200);
        var (status, body) = await _standIn.SendAsync(HttpMethod.Post, "/_bulk", Documents, "application/x-ndjson");
        status.ShouldBe(200);
        body!["errors"]!.GetValue<bool>().ShouldBeFalse();
    }

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Theory]
    [InlineData("""{"bool":{"filter":[{"terms":{"genre":["action","romance"]}},{"range":{"volumes":{"gt":4}}}]}}""", "1")]
    [InlineData("""{"bool":{"must":[{"match":{"title":"crimson"}}],"must_not":[{"term":{"genre":"action"}}]}}""", "2")]
    [InlineData("""{"bool":{"should":[{"match":{"title":"harbor"}},{"match":{"title":"nothing"}}]}}""", "3")]
    [InlineData("""{"range":{"year":{"gte":1990,"lt":2000}}}""", "1")]
    [InlineData("""{"match":{"title":{"query":"crimson blade","operator":"and"}}}""", "1")]
    public async Task Clauses_SelectTheRightDocuments(string query, string expected)
    {
        var (status, body) = await _standIn.SendAsync(HttpMethod.Post, "/books/_search", "{\"query\":" + query + "}");

        status.ShouldBe(200);
        body!["hits"]!["hits"]!.AsArray().Select(h => h!["_id"]!.GetValue<string>()).ShouldBe([expected]);
    }

    [Fact]
    public async Task MultiMatch_BestFieldsTakesTheBestField_MostFieldsAddsThem()
    {
        var best = await Score("best_fields", "crimson blade");
        var most = await Score("most_fields", "crimson blade");

        // Document 2 matches in both fields: most_fields adds the synopsis to the title, best_fields keeps the better one.
        most["2"].ShouldBeGreaterThan(best["2"]);
        best["1"].ShouldBe(most["1"], 1e-9);
    }

    [Fact]
    public async Task Source_IncludesAndExcludes_AreApplied()
    {
        var (_, body) = await _standIn.SendAsync(HttpMethod.Post, "/books/_search", """{"_source":{"includes":["t*","volumes"],"excludes":["title"]},"query":{"term":{"genre":"mystery"}}}""");

        body!["hits"]!["hits"]![0]!["_source"]!.AsObject().Select(p => p.Key).ShouldBe(["volumes"]);
    }

    [Fact]
    public async Task Hybrid_WithL2Pipeline_OrdersByTheWeightedSum()
    {
        (await _standIn.SendAsync(HttpMethod.Put, "/_search/pipeline/l2", """{"phase_results_processors":[{"normalization-processor":{"normalization":{"technique":"l2"},"combination":{"technique":"arithmetic_mean","parameters":{"weights":[0.9,0.1]}}}}]}""")).Status.ShouldBe(200);

        var (status, body) = await _standIn.SendAsync(HttpMethod.Post, "/books/_search?search_pipeline=l2",
            """{"query":{"hybrid":{"queries":[{"match":{"title":"harbor"}},{"match":{"synopsis":"crimson"}}]}}}""");

        status.ShouldBe(200);
        body!["hits"]!["hits"]!.AsArray().Select(h => h!["_id"]!.GetValue<string>()).ShouldBe(["3", "2"]);
    }

    [Theory]
    [InlineData("/books/_search", """{"query":{"match":{"title":"x"}},"sizee":3}""", 400, "parsing_exception")]
    [InlineData("/books/_search", """{"query":""", 400, "x_content_parse_exception")]
    [InlineData("/books/_search?search_pipeline=none", """{"query":{"match_all":{}}}""", 404, "resource_not_found_exception")]
    [InlineData("/missing/_search", """{}""", 404, "index_not_found_exception")]
    public async Task Mistakes_AnswerOpenSearchsErrorBody(string path, string request, int expectedStatus, string type)
    {
        var (status, body) = await _standIn.SendAsync(HttpMethod.Post, path, request);

        status.ShouldBe(expectedStatus);
        body!["status"]!.GetValue<int>().ShouldBe(expectedStatus);
        body["error"]!["type"]!.GetValue<string>().ShouldBe(type);
        body["error"]!["root_cause"]![0]!["type"]!.GetValue<string>().ShouldBe(type);
    }

    [Fact]
    public async Task Bulk_MalformedLine_FailsTheWholeRequest()
    {
        var (status, body) = await _standIn.SendAsync(HttpMethod.Post, "/_bulk", "{\"index\":{\"_index\":\"books\"}}\n{not json\n", "application/x-ndjson");

        status.ShouldBe(400);
        body!["error"]!["type"]!.GetValue<string>().ShouldBe("x_content_parse_exception");
    }

    [Fact]
    public async Task Searches_AreRecordedInTheLedger_ByHitId()
    {
        var ledger = OpenSearchEmulatorApp.GetSearchLedger(_standIn.App);
        var before = ledger.Count;

        await _standIn.SendAsync(HttpMethod.Post, "/books/_search", """{"query":{"match":{"title":"harbor"}}}""");

        ledger.Count.ShouldBe(before + 1);
        ledger.Entries[^1].HitIds.ShouldBe(["3"]);
    }

    private async Task<Dictionary<string, double>> Score(string type, string text)
    {
        var (_, body) = await _standIn.SendAsync(HttpMethod.Post, "/books/_search", "{\"query\":{\"multi_match\":{\"query\":\"" + text + "\",\"fields\":[\"title\",\"synopsis\"],\"type\":\"" + type + "\"}}}");
        return body!["hits"]!["hits"]!.AsArray().ToDictionary(h => h!["_id"]!.GetValue<string>(), h => h!["_score"]!.GetValue<double>());
    }
}
