using System.CommandLine;
using MangaAssist.Retrieval.Embeddings;
using MangaAssist.Retrieval.OpenSearch;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary>The options create-index and bulk-index share.</summary>
internal sealed class OpenSearchCommandOptions
{
    // System.CommandLine has no built-in Uri parser: an absolute http(s) address or a clear error.
    public Option<Uri> Endpoint { get; } = new("--endpoint")
    {
        Description = "OpenSearch domain or Serverless collection endpoint (https://…), or the stand-in (http://127.0.0.1:9200)",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"--endpoint: '{text}' is not an absolute http(s) address.");
            return null;
        },
    };

    public Option<string> Region { get; } = new("--region") { Description = "SigV4 region", DefaultValueFactory = _ => "us-east-1" };

    public Option<string?> Service { get; } = new("--service") { Description = "es or aoss (default: aoss for *.aoss.amazonaws.com)" };

    public Option<string> Index { get; } = new("--index") { Description = "Index name", DefaultValueFactory = _ => "manga-products" };

    public Option<string> Pipeline { get; } = new("--pipeline") { Description = "Search pipeline name", DefaultValueFactory = _ => "manga-hybrid" };

    public Option<string> Engine { get; } = new("--engine") { Description = "faiss or nmslib", DefaultValueFactory = _ => "faiss" };

    public Option<string> SpaceType { get; } = new("--space-type") { Description = "cosinesimil, innerproduct or l2", DefaultValueFactory = _ => "cosinesimil" };

    public Option<int> Dimensions { get; } = new("--dimensions") { Description = "Embedding dimensions (256, 512, 1024; default: the service's)", DefaultValueFactory = _ => new EmbeddingOptions().Dimensions };

    public Option<double> LexicalWeight { get; } = new("--lexical-weight") { Description = "Weight of BM25 in the pipeline (k-NN gets 1 − this)", DefaultValueFactory = _ => 0.7 };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Region);
        command.Options.Add(Service);
        command.Options.Add(Index);
        command.Options.Add(Pipeline);
        command.Options.Add(Engine);
        command.Options.Add(SpaceType);
        command.Options.Add(Dimensions);
        command.Options.Add(LexicalWeight);
    }

    public OpenSearchRetrievalOptions Read(ParseResult result) => new()
    {
        Endpoint = result.GetValue(Endpoint),
        Region = result.GetValue(Region)!,
        Service = result.GetValue(Service),
        IndexName = result.GetValue(Index)!,
        SearchPipeline = result.GetValue(Pipeline)!,
        Engine = result.GetValue(Engine)!,
        SpaceType = result.GetValue(SpaceType)!,
        LexicalWeight = result.GetValue(LexicalWeight),
    };
}
