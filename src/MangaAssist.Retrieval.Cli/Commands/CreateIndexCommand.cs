using System.CommandLine;
using MangaAssist.Aws.Extensions;
using MangaAssist.Retrieval.Extensions;
using MangaAssist.Retrieval.OpenSearch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MangaAssist.Retrieval.Cli.Commands;

/// <summary><c>create-index</c>: puts the search pipeline and creates the index (mapping) unless it exists.</summary>
internal static class CreateIndexCommand
{
    public static Command Create()
    {
        var shared = new OpenSearchCommandOptions();
        var command = new Command("create-index", "Create the OpenSearch search pipeline and index (credentials: AWS default chain or Aws__Credentials__*)");
        shared.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = shared.Read(result);
            var client = CreateClient(options);
            Console.WriteLine($"Signing as '{options.ResolveService()}' in {options.Region}");
            await client.PutSearchPipelineAsync(cancellationToken);
            Console.WriteLine($"Search pipeline '{options.SearchPipeline}' put");
            if (await client.IndexExistsAsync(cancellationToken))
            {
                Console.WriteLine($"Index '{options.IndexName}' already exists; left as it is");
                return 0;
            }

            await client.CreateIndexAsync(result.GetValue(shared.Dimensions), cancellationToken);
            Console.WriteLine($"Index '{options.IndexName}' created");
            return 0;
        });
        return command;
    }

    /// <param name="settings">Settings over the environment's (the stand-in gets static keys: it checks no signature).</param>
    internal static OpenSearchClient CreateClient(OpenSearchRetrievalOptions options, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddAwsCredentials(configuration.GetSection("Aws:Credentials"));
        var provider = services.BuildServiceProvider();
        return new OpenSearchClient(RetrievalServiceCollectionExtensions.CreateTransport(provider, options), options);
    }
}
