using System.Net;
using System.Text.Json.Nodes;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;
using MangaAssist.Retrieval.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MangaAssist.Retrieval.Tests.OpenSearch;

public class OpenSearchRetrieverTests
{
    [Fact]
    public async Task SearchAsync_SendsAHybridQueryThroughThePipeline_AndMapsHits()
    {
        var (retriever, handler, _) = Create();

        var results = await retriever.SearchAsync(new RetrievalQuery("紅の刃はありますか", 5), CancellationToken.None);

        results.Select(r => r.ProductId).ShouldBe(["MA-00042", "MA-00043"]);
        results[0].Score.ShouldBe(0.9);
        results[0].Url.ShouldBe("https://store.mangaassist.example/products/MA-00042-crimson-blade");
        results[0].Snippet.ShouldStartWith("紅の刃（Crimson Blade） 著者: 佐藤 武");
        var request = handler.Requests.Single();
        request.Uri.PathAndQuery.ShouldBe("/manga-products/_search?search_pipeline=manga-hybrid");
        var body = JsonNode.Parse(request.BodyText)!;
        body["query"]!["hybrid"]!["queries"]!.AsArray().Count.ShouldBe(2);
        body["query"]!["hybrid"]!["queries"]![1]!["knn"]!["embedding"]!["vector"]!.AsArray().Count.ShouldBe(256);
    }

    [Fact]
    public async Task SearchAsync_EmbeddingUnavailable_SendsBm25WithoutThePipeline()
    {
        var (retriever, handler, generator) = Create();
        generator.Fail = _ => new HttpRequestException("Bedrock is down");

        var results = await retriever.SearchAsync(new RetrievalQuery("crimson blade", 5), CancellationToken.None);

        results.Count.ShouldBe(2);
        handler.Requests.Single().Uri.Query.ShouldBeEmpty();
        JsonNode.Parse(handler.Requests.Single().BodyText)!["query"]!["bool"]!["must"]![0]!["multi_match"].ShouldNotBeNull();
    }

    [Fact]
    public async Task SearchAsync_OpenSearchError_AnswersEmpty()
    {
        var (retriever, _, _) = Create(HttpStatusCode.ServiceUnavailable, "{\"message\":\"Service Unavailable\"}");

        (await retriever.SearchAsync(new RetrievalQuery("crimson blade", 5), CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchAsync_WithTheSecondStage_AsksForThePoolWithEmbeddings_AndAbstainsForWhatTheCatalogLacks()
    {
        var (client, handler) = OpenSearchSigningTests.Create(OpenSearchRequestsTests.Serverless);
        var generator = new FeatureHashingEmbeddingGenerator(256);
        var catalog = MangaAssist.Retrieval.Catalog.ProductCatalog.LoadShipped();
        var retriever = new OpenSearchRetriever(client, new QueryEmbedder(generator, new EmbeddingOptions { Dimensions = 256 }, NullLogger.Instance), NullLogger.Instance,
            new OpenSearchReranker(() => catalog, new MangaAssist.Retrieval.Embedded.EmbeddedRetrievalOptions()));

        // OpenSearch answers two hits, but nothing in the catalog is Chainsaw Man: the relevance decision refuses them.
        var results = await retriever.SearchAsync(new RetrievalQuery("Chainsaw Man by Tatsuki Fujimoto", 5), CancellationToken.None);

        results.ShouldBeEmpty();
        var body = JsonNode.Parse(handler.Requests.Single().BodyText)!;
        body["size"]!.GetValue<int>().ShouldBe(250, "the default pool, OpenSearch:PoolSize");
        body["_source"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static (OpenSearchRetriever Retriever, CapturingHandler Handler, FeatureHashingEmbeddingGenerator Generator) Create(HttpStatusCode status = HttpStatusCode.OK, string? body = null)
    {
        var (client, handler) = OpenSearchSigningTests.Create(OpenSearchRequestsTests.Serverless, body, status);
        var generator = new FeatureHashingEmbeddingGenerator(256);
        var embedder = new QueryEmbedder(generator, new EmbeddingOptions { Dimensions = 256 }, NullLogger.Instance);
        return (new OpenSearchRetriever(client, embedder, NullLogger.Instance), handler, generator);
    }
}
