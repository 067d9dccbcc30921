using System.Reflection;
using MangaAssist.Retrieval.Catalog;
using MangaAssist.Retrieval.Evaluation;
using MangaAssist.Retrieval.Prompting;
using Microsoft.Extensions.AI;

namespace MangaAssist.Retrieval.Tests;

/// <summary>Embedding vectors never leave the library: no public type exposes one.</summary>
public class PublicContractTests
{
    private static readonly Type[] ResultTypes =
    [
        typeof(RetrievedPassage), typeof(RetrievalQuery), typeof(RetrievalFilters), typeof(Citation), typeof(RagPrompt), typeof(RagPromptRequest),
        typeof(MangaProduct), typeof(EvaluationQuery), typeof(QueryResult), typeof(MetricSummary),
    ];

    [Fact]
    public void PublicTypes_HaveNoVectorShapedMembers()
    {
        var offenders = typeof(IProductRetriever).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Select(p => (Type: t, Name: p.Name, PropertyType: p.PropertyType)))
            .Where(p => IsVectorShaped(p.PropertyType))
            .Select(p => $"{p.Type.Name}.{p.Name}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void ResultTypes_HaveNoVectorOrEmbeddingMembers()
    {
        foreach (var type in ResultTypes)
        {
            foreach (var property in type.GetProperties())
            {
                IsVectorShaped(property.PropertyType).ShouldBeFalse($"{type.Name}.{property.Name}");
                property.Name.ShouldNotContain("Embedding", Case.Insensitive, $"{type.Name}.{property.Name}");
                property.Name.ShouldNotContain("Vector", Case.Insensitive, $"{type.Name}.{property.Name}");
            }
        }
    }

    [Fact]
    public void SearchAsync_ReturnsOnlyRetrievedPassages()
    {
        typeof(IProductRetriever).GetMethod(nameof(IProductRetriever.SearchAsync))!.ReturnType
            .ShouldBe(typeof(Task<IReadOnlyList<RetrievedPassage>>));
    }

    private static bool IsVectorShaped(Type type)
    {
        if (type == typeof(float[]) || type == typeof(double[]) || type == typeof(Half[]))
        {
            return true;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Embedding<>) || definition == typeof(ReadOnlyMemory<>) || definition == typeof(Memory<>))
            {
                return true;
            }

            if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Any(a => a == typeof(float) || a == typeof(double) || IsVectorShaped(a)))
            {
                return true;
            }
        }

        return typeof(Embedding).IsAssignableFrom(type);
    }
}
