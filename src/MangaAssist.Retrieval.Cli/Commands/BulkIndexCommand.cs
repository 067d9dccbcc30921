using System.CommandLine;
using System.Globalization;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Embeddings;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary><c>bulk-index</c>: embeds the catalog (Titan via Bedrock, or the emulator) and sends it to OpenSearch with <c>_bulk</c>.</summary>
internal static class BulkIndexCommand
{
    public static Command Create()
    {
        var shared = new OpenSearchCommandOptions();
        var bedrock = new Option<Uri?>("--bedrock-endpoint") { Description = "Bedrock Runtime endpoint for embeddings (default: the in-process emulator)" };
        var batch = new Option<int>("--batch-size") { Description = "Documents per _bulk request", DefaultValueFactory = _ => 200 };
        var command = new Command("bulk-index", "Embed the shipped catalog and index it into OpenSearch") { bedrock, batch };
        shared.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = shared.Read(result);
            var dimensions = result.GetValue(shared.Dimensions);
            var client = CreateIndexCommand.CreateClient(options);
            var products = ProductCatalog.LoadShipped().Products;
            await using var backend = await EmbeddingBackend.StartAsync(result.GetValue(bedrock));
            var vectors = await DocumentEmbeddings.ComputeAsync(backend.Generator, products, "amazon.titan-embed-text-v2:0", dimensions, 16, 4, cancellationToken);
            var size = Math.Max(1, result.GetValue(batch));
            int succeeded = 0, failed = 0;
            for (var start = 0; start < products.Count; start += size)
            {
                var count = Math.Min(size, products.Count - start);
                var outcome = await client.BulkAsync(products.Skip(start).Take(count).ToList(), vectors.AsMemory(start * dimensions, count * dimensions), dimensions, cancellationToken);
                succeeded += outcome.Succeeded;
                failed += outcome.Failed;
                outcome.Errors.ToList().ForEach(e => Console.Error.WriteLine(e));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{succeeded} documents indexed, {failed} failed, into '{options.IndexName}' at {options.Endpoint}"));
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
