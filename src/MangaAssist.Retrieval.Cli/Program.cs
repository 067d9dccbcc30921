using System.CommandLine;
using MangaAssist.Retrieval.Cli.Commands;

var root = new RootCommand("MangaAssist retrieval tools: catalog generation, evaluation of the embedded index, OpenSearch bootstrap and indexing.")
{
    GenerateCatalogCommand.Create(),
    EvaluateCommand.Create(),
    CalibrateCommand.Create(),
    CreateIndexCommand.Create(),
    BulkIndexCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
