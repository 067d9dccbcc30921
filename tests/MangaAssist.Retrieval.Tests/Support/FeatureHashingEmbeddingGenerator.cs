using MangaAssist.Emulators.Bedrock.Embeddings;
using Microsoft.Extensions.AI;

namespace MangaAssist.Retrieval.Tests.Support;

/// <summary>
/// The Bedrock emulator's embedding function, in process: the same vectors the emulator serves over InvokeModel,
/// without the HTTP hop, so suites that build the whole index stay fast. Counts calls so caching can be asserted.
/// </summary>
internal sealed class FeatureHashingEmbeddingGenerator(int defaultDimensions = 1024) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _calls;
    private int _texts;

    public int Calls => _calls;

    public int Texts => _texts;

    public Func<string, Exception?>? Fail { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            if (Fail?.Invoke(value) is { } exception)
            {
                throw exception;
            }

            Interlocked.Increment(ref _texts);
            result.Add(new Embedding<float>(FeatureHashingEmbedder.Embed(value, options?.Dimensions ?? defaultDimensions, normalize: true)));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
