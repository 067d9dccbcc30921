using System.Text.Json.Nodes;
using MangaAssist.Emulators.OpenSearch.Engine;

namespace MangaAssist.Emulators.OpenSearch.Api;

/// <summary><c>GET /</c> (what clients read to accept a server) and <c>GET /_cluster/health</c>.</summary>
internal static class ClusterApi
{
    /// <summary>The version clients see: 2.19 is the first with faiss <c>cosinesimil</c>, which the mapping uses.</summary>
    public const string Version = "2.19.0";

    public static void MapClusterApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/", ["GET", "HEAD"], () => ApiResponses.Json(new JsonObject
        {
            ["name"] = "mangaassist-opensearch-stand-in",
            ["cluster_name"] = "mangaassist-local",
            ["cluster_uuid"] = "mangaassist-local-cluster",
            ["version"] = new JsonObject
            {
                ["distribution"] = "opensearch",
                ["number"] = Version,
                ["build_type"] = "stand-in",
                ["lucene_version"] = "none (in-process engine)",
                ["minimum_wire_compatibility_version"] = "7.10.0",
                ["minimum_index_compatibility_version"] = "7.0.0",
            },
            ["tagline"] = "The OpenSearch Project: https://opensearch.org/",
        }));
        app.MapGet("/_cluster/health", (IndexStore store) => ApiResponses.Json(new JsonObject
        {
            ["cluster_name"] = "mangaassist-local",
            ["status"] = "green",
            ["timed_out"] = false,
            ["number_of_nodes"] = 1,
            ["number_of_data_nodes"] = 1,
            ["active_primary_shards"] = store.Indices.Count(),
            ["active_shards"] = store.Indices.Count(),
        }));
    }
}
