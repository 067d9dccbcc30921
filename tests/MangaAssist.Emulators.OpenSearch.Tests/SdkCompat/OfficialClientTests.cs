using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Tests.SdkCompat;

/// <summary>The official OpenSearch JavaScript client against the stand-in: what it sends is understood, what it gets back it accepts.</summary>
public class OfficialClientTests(OfficialClientRun run) : IClassFixture<OfficialClientRun>
{
    [Fact]
    public void Info_IsAnOpenSearchDistribution()
    {
        var info = run.Scenario("info");

        info.GetProperty("distribution").GetString().ShouldBe("opensearch");
        info.GetProperty("number").GetString().ShouldBe("2.19.0");
    }

    [Fact]
    public void CreateIndex_WithKuromojiAnalyzerAndKnnMapping_IsAcknowledged_AndASecondCreateIs400()
    {
        run.Scenario("createIndex").GetProperty("acknowledged").GetBoolean().ShouldBeTrue();
        var again = run.Scenario("createIndexAgain");
        again.GetProperty("name").GetString().ShouldBe("ResponseError");
        again.GetProperty("statusCode").GetInt32().ShouldBe(400);
        again.GetProperty("type").GetString().ShouldBe("resource_already_exists_exception");
        again.GetProperty("rootCauseType").GetString().ShouldBe("resource_already_exists_exception");
    }

    [Fact]
    public void Exists_IsTrueForTheIndex_AndFalseForAMissingOne()
    {
        run.Scenario("exists").GetProperty("existing").GetBoolean().ShouldBeTrue();
        run.Scenario("exists").GetProperty("missing").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Bulk_IndexesEveryDocument_AndReportsItemErrorsWithoutFailingTheRequest()
    {
        var bulk = run.Scenario("bulk");
        bulk.GetProperty("errors").GetBoolean().ShouldBeFalse();
        bulk.GetProperty("statuses").EnumerateArray().Select(s => s.GetInt32()).ShouldBe([201, 201, 201, 201]);

        var bad = run.Scenario("bulkItemErrors");
        bad.GetProperty("errors").GetBoolean().ShouldBeTrue();
        bad.GetProperty("first").GetProperty("status").GetInt32().ShouldBe(400);
        bad.GetProperty("first").GetProperty("type").GetString().ShouldBe("mapper_parsing_exception");
        bad.GetProperty("second").GetProperty("status").GetInt32().ShouldBe(404);
        bad.GetProperty("second").GetProperty("result").GetString().ShouldBe("not_found");
    }

    [Fact]
    public void BoolWithFilters_KeepsOnlyDocumentsThatPassEveryFilter() =>
        Ids("searchBoolFilter").ShouldBe(["b1"]);

    [Fact]
    public void Knn_RanksByCosine()
    {
        Ids("searchKnn").ShouldBe(["b1", "b2"]);
        run.Scenario("searchKnn").GetProperty("scoresInRange").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void Hybrid_ThroughThePipeline_FusesNormalisedScores_AndFiltersSource()
    {
        run.Scenario("putPipeline").GetProperty("acknowledged").GetBoolean().ShouldBeTrue();
        var hybrid = run.Scenario("searchHybrid");

        Ids("searchHybrid").ShouldBe(["b4", "b3", "b2"]);
        hybrid.GetProperty("scoresInRange").GetBoolean().ShouldBeTrue();
        hybrid.GetProperty("sourceKeys").EnumerateArray().Select(k => k.GetString()).ShouldNotContain("embedding");
    }

    [Theory]
    [InlineData("missingIndex", 404, "index_not_found_exception")]
    [InlineData("unknownQuery", 400, "parsing_exception")]
    [InlineData("hybridWithoutPipeline", 400, "illegal_argument_exception")]
    public void Errors_AreResponseErrors_WithOpenSearchsStatusAndType(string scenario, int status, string type)
    {
        var error = run.Scenario(scenario);

        error.GetProperty("name").GetString().ShouldBe("ResponseError");
        error.GetProperty("statusCode").GetInt32().ShouldBe(status);
        error.GetProperty("status").GetInt32().ShouldBe(status);
        error.GetProperty("type").GetString().ShouldBe(type);
    }

    [Fact]
    public void DeleteIndex_RemovesIt() => run.Scenario("deleteIndex").GetProperty("existsAfter").GetBoolean().ShouldBeFalse();

    private string?[] Ids(string scenario) => [.. run.Scenario(scenario).GetProperty("ids").EnumerateArray().Select(i => i.GetString())];
}
