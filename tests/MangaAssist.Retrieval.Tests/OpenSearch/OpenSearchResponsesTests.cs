using System.Text;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.OpenSearch;

namespace MangaAssist.Retrieval.Tests.OpenSearch;

public class OpenSearchResponsesTests
{
    [Fact]
    public void ReadSearch_RebuildsProductsFromSource_AndSkipsUnusableHits()
    {
        var hits = OpenSearchResponses.ReadSearch(Encoding.UTF8.GetBytes(OpenSearchRequestsTests.Golden("response-search.json")));

        hits.Count.ShouldBe(2);
        hits[0].Score.ShouldBe(0.9);
        hits[0].Product.Id.ShouldBe("MA-00042");
        hits[0].Product.JapaneseTitle.ShouldBe("紅の刃");
        hits[0].Product.Availability.ShouldBe(Availability.LowStock);
        hits[0].Product.Genres.ShouldBe(["action", "fantasy"]);
        // Serverless assigns its own _id; the product id comes from the document.
        hits[1].DocumentId.ShouldBe("1%3A0%3AaBcDeF");
        hits[1].Product.Id.ShouldBe("MA-00043");
        hits[1].Product.Availability.ShouldBe(Availability.Preorder);
        hits[1].Product.SeriesRole.ShouldBe(SeriesRole.Sequel);
    }

    [Fact]
    public void ReadSearch_WithoutHits_IsAnError()
    {
        Should.Throw<InvalidDataException>(() => OpenSearchResponses.ReadSearch("{\"took\":1}"u8));
    }

    [Fact]
    public void ReadBulk_CountsSuccessesAndReportsFailures()
    {
        var result = OpenSearchResponses.ReadBulk(Encoding.UTF8.GetBytes(OpenSearchRequestsTests.Golden("response-bulk-errors.json")));

        result.Succeeded.ShouldBe(2);
        result.Failed.ShouldBe(1);
        result.Errors.Single().ShouldStartWith("index MA-00003: 400 mapper_parsing_exception failed to parse field [embedding]");
    }

    [Fact]
    public void ReadError_ReadsTypeAndReason_OrPlainText()
    {
        OpenSearchResponses.ReadError(Encoding.UTF8.GetBytes(OpenSearchRequestsTests.Golden("response-error-index-not-found.json")))
            .ShouldBe(("index_not_found_exception", "no such index [manga-products]"));
        OpenSearchResponses.ReadError("{\"message\":\"The security token included in the request is invalid.\"}"u8)
            .ShouldBe((null, "The security token included in the request is invalid."));
        OpenSearchResponses.ReadError("<html>502 Bad Gateway</html>"u8).Reason.ShouldBe("<html>502 Bad Gateway</html>");
    }
}
