using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Retrieval;

/// <summary>The <c>Retrieval</c> rules DataAnnotations cannot express: a catalog file that exists, weights that are not both zero, OpenSearch names.</summary>
internal static class RetrievalOptionsChecks
{
    private static readonly string[] Engines = ["faiss", "nmslib"];
    private static readonly string[] SpaceTypes = ["cosinesimil", "innerproduct", "l2"];
    private static readonly string[] Services = ["es", "aoss"];

    public static void Check(RetrievalOptions options, OptionsProblems problems)
    {
        if (!string.IsNullOrEmpty(options.CatalogPath) && !File.Exists(options.CatalogPath))
        {
            problems.Add(nameof(options.CatalogPath), $"the file '{options.CatalogPath}' does not exist.");
        }

        var embedded = options.Embedded;
        if (embedded.Bm25Weight + embedded.VectorWeight <= 0)
        {
            problems.Add(nameof(options.Embedded), "Bm25Weight and VectorWeight cannot both be 0.");
        }

        var openSearch = options.OpenSearch;
        if (openSearch.Endpoint is not { } endpoint)
        {
            return;
        }

        if (!HttpUrls.IsAbsoluteHttp(endpoint))
        {
            problems.Add("OpenSearch:Endpoint", $"'{endpoint}' must be an absolute https:// (or http://) address.");
        }

        if (!Services.Contains(openSearch.ResolveService()))
        {
            problems.Add("OpenSearch:Service", $"'{openSearch.Service}' must be 'es' (managed domain) or 'aoss' (Serverless).");
        }

        if (!Engines.Contains(openSearch.Engine))
        {
            problems.Add("OpenSearch:Engine", $"'{openSearch.Engine}' must be one of {string.Join(", ", Engines)}.");
        }

        if (!SpaceTypes.Contains(openSearch.SpaceType))
        {
            problems.Add("OpenSearch:SpaceType", $"'{openSearch.SpaceType}' must be one of {string.Join(", ", SpaceTypes)}.");
        }
    }
}
