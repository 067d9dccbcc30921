using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MangaAssist.Retrieval.DependencyInjection;

/// <summary>Checks every <c>Retrieval</c> setting at start-up and reports all problems at once, with their keys.</summary>
internal sealed class RetrievalOptionsValidator : IValidateOptions<RetrievalOptions>
{
    private static readonly string[] Engines = ["faiss", "nmslib"];
    private static readonly string[] SpaceTypes = ["cosinesimil", "innerproduct", "l2"];
    private static readonly string[] Services = ["es", "aoss"];

    public ValidateOptionsResult Validate(string? name, RetrievalOptions options)
    {
        var failures = new List<string>();
        Annotate(options.Embeddings, "Retrieval:Embeddings", failures);
        Annotate(options.Embedded, "Retrieval:Embedded", failures);
        Annotate(options.Embedded.FieldWeights, "Retrieval:Embedded:FieldWeights", failures);
        Annotate(options.OpenSearch, "Retrieval:OpenSearch", failures);

        if (!string.IsNullOrEmpty(options.CatalogPath) && !File.Exists(options.CatalogPath))
        {
            failures.Add($"Retrieval:CatalogPath: the file '{options.CatalogPath}' does not exist.");
        }

        var embedded = options.Embedded;
        if (embedded.Bm25Weight + embedded.VectorWeight <= 0)
        {
            failures.Add("Retrieval:Embedded: Bm25Weight and VectorWeight cannot both be 0.");
        }

        var openSearch = options.OpenSearch;
        if (openSearch.Endpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"Retrieval:OpenSearch:Endpoint: '{endpoint}' must be an absolute https:// (or http://) address.");
            }

            if (!Services.Contains(openSearch.ResolveService()))
            {
                failures.Add($"Retrieval:OpenSearch:Service: '{openSearch.Service}' must be 'es' (managed domain) or 'aoss' (Serverless).");
            }

            if (!Engines.Contains(openSearch.Engine))
            {
                failures.Add($"Retrieval:OpenSearch:Engine: '{openSearch.Engine}' must be one of {string.Join(", ", Engines)}.");
            }

            if (!SpaceTypes.Contains(openSearch.SpaceType))
            {
                failures.Add($"Retrieval:OpenSearch:SpaceType: '{openSearch.SpaceType}' must be one of {string.Join(", ", SpaceTypes)}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotate(object options, string prefix, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            failures.Add($"{prefix}:{string.Join(", ", result.MemberNames)}: {result.ErrorMessage}");
        }
    }
}
