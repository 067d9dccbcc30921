using System.Text.Json.Nodes;
using MangaAssist.Retrieval.OpenSearch;
using MangaAssist.Retrieval.Text;
using MangaAssist.Retrieval.Understanding;

namespace MangaAssist.Retrieval.Tests.OpenSearch;

/// <summary>The question's constraints travel as OpenSearch <c>filter</c> clauses on the keyword and numeric fields.</summary>
public class OpenSearchConstraintFilterTests
{
    private static JsonNode Body(string question)
    {
        var understood = QueryUnderstanding.Parse(TextNormalizer.Normalize(question));
        var text = understood.HasContent ? question : string.Empty;
        return JsonNode.Parse(OpenSearchSearchQuery.BuildFiltered(text, default, 5, new SearchFilters(null, understood.Effective), OpenSearchRequestsTests.Managed))!;
    }

    [Fact]
    public void ConstraintsOnly_MatchAllFilteredByStatusDemographicGenreAndVolumes()
    {
        var query = Body("completed seinen horror under 10 volumes")["query"]!["bool"]!;

        query["must"]![0]!["match_all"].ShouldNotBeNull();
        var filters = query["filter"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        filters.ShouldContain("""{"terms":{"status":["completed"]}}""");
        filters.ShouldContain("""{"terms":{"demographic":["seinen"]}}""");
        filters.ShouldContain("""{"terms":{"genres":["horror"]}}""");
        filters.ShouldContain("""{"range":{"volumes":{"lte":9}}}""");
    }

    [Fact]
    public void DecadeAndPrice_BecomeRanges()
    {
        var filters = Body("romance from the 90s under 700 yen")["query"]!["bool"]!["filter"]!.AsArray().Select(f => f!.ToJsonString()).ToList();

        filters.ShouldContain("""{"range":{"first_published_year":{"gte":1990,"lte":1999}}}""");
        filters.ShouldContain("""{"range":{"price_jpy":{"lte":699}}}""");
    }

    [Fact]
    public void ATitleQuestion_StaysALexicalQueryWithoutFilters()
    {
        var query = Body("is Crimson Blade in stock?")["query"]!;

        query["bool"]!["must"]![0]!["multi_match"]!["query"]!.GetValue<string>().ShouldBe("is Crimson Blade in stock?");
        query["bool"]!["filter"].ShouldBeNull();
    }
}
